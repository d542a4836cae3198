import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate/index.js';
import { withoutIndex, catchError } from './helpers.js';

describe('OpenAI Chat Completions', () => {
  it('reads every role, string and text-part content, and marks system and developer trusted', () => {
    const { format, segments } = validateRequest({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'developer', content: [{ type: 'text', text: 'dev' }] },
        { role: 'user', content: 'hello', name: 'ann' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } },
            { id: 'c2', type: 'custom', custom: { name: 'sql', input: 'select 1' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'result' },
        { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'rows' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'ok' }, { type: 'refusal', refusal: 'no' }], refusal: 'nope' },
        { role: 'function', name: 'legacy', content: 'old result' },
        { role: 'assistant', content: 'calling', function_call: { name: 'legacy', arguments: '{}' } },
      ],
    });
    expect(format).toBe('openai-chat');
    expect(segments.map(withoutIndex)).toEqual([
      { role: 'system', source: 'message', path: ['messages', 0, 'content'], text: 'sys', trusted: true },
      { role: 'developer', source: 'message', path: ['messages', 1, 'content', 0, 'text'], text: 'dev', trusted: true },
      { role: 'user', source: 'message', path: ['messages', 2, 'content'], text: 'hello', trusted: false },
      { role: 'user', source: 'message', path: ['messages', 3, 'content', 0, 'text'], text: 'look', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 4, 'tool_calls', 0, 'function', 'arguments'], text: '{"q":"x"}', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 4, 'tool_calls', 1, 'custom', 'input'], text: 'select 1', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['messages', 5, 'content'], text: 'result', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['messages', 6, 'content', 0, 'text'], text: 'rows', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 7, 'content', 0, 'text'], text: 'ok', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 7, 'content', 1, 'refusal'], text: 'no', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 7, 'refusal'], text: 'nope', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['messages', 8, 'content'], text: 'old result', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 9, 'content'], text: 'calling', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 9, 'function_call', 'arguments'], text: '{}', trusted: false },
    ]);
    expect(segments.map((s) => s.messageIndex)).toEqual([0, 1, 2, 3, 4, 4, 5, 6, 7, 7, 7, 8, 9, 9]);
  });

  it('returns the body as sent, unknown fields included', () => {
    const body = { model: 'gpt-4o', temperature: 0.2, future_field: { a: 1 }, messages: [{ role: 'user', content: 'hi', extra: true }] };
    expect(validateRequest(body, { format: 'openai-chat' }).request).toBe(body);
  });

  it('trusts the roles it is told to', () => {
    const { segments } = validateRequest(
      { messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }, { role: 'tool', tool_call_id: 'x', content: 't' }] },
      { trustedRoles: ['user', 'tool'] },
    );
    expect(segments.map((s) => s.trusted)).toEqual([false, true, false]);
  });

  it('reports malformed messages with their paths', () => {
    const error = catchError(() =>
      validateRequest(
        {
          messages: [
            { role: 'user', content: 42 },
            { role: 'wizard', content: 'x' },
            { role: 'tool', content: 'no id' },
            { role: 'user', content: [{ type: 'text', text: 1 }, { type: 'video' }] },
            { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] },
          ],
        },
        { format: 'openai-chat' },
      ),
    );
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.statusCode).toBe(400);
    expect(error.issues.map((i) => i.path)).toEqual([
      ['messages', 0, 'content'],
      ['messages', 1, 'role'],
      ['messages', 2, 'tool_call_id'],
      ['messages', 3, 'content', 0, 'text'],
      ['messages', 3, 'content', 1, 'type'],
      ['messages', 4, 'tool_calls', 0, 'function', 'arguments'],
    ]);
    expect(error.issues[0]!.message).toBe('expected string or array');
    expect(error.message).toContain('messages.0.content');
  });

  it('requires messages', () => {
    const error = catchError(() => validateRequest({ model: 'gpt-4o' }, { format: 'openai-chat' }));
    expect(error.issues).toEqual([{ path: ['messages'], message: expect.stringContaining('expected array') }]);
  });
});
