import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate/index.js';
import { withoutIndex, catchError } from './helpers.js';

describe('Anthropic Messages', () => {
  it('reads system, text, documents, tool use and tool results', () => {
    const { format, segments } = validateRequest({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'summarize' },
            { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc body' }, title: 'T', context: 'C' },
            { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk' }, { type: 'image', source: { type: 'file', file_id: 'f' } }] } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' } },
            { type: 'search_result', source: 'https://s', title: 'ST', content: [{ type: 'text', text: 'found' }] },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'zzz' },
            { type: 'text', text: 'calling' },
            { type: 'tool_use', id: 't1', name: 'search', input: { query: 'cats', opts: { lang: 'en', n: 3 }, tags: ['a'] } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'plain result' },
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'block result' }, { type: 'document', source: { type: 'content', content: 'doc in result' } }] },
            { type: 'tool_result', tool_use_id: 't1', is_error: true },
          ],
        },
        { role: 'assistant', content: 'plain' },
      ],
    });
    expect(format).toBe('anthropic');
    expect(segments.map(withoutIndex)).toEqual([
      { role: 'system', source: 'instructions', path: ['system', 0, 'text'], text: 'sys', trusted: true },
      { role: 'user', source: 'message', path: ['messages', 0, 'content', 0, 'text'], text: 'summarize', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 2, 'title'], text: 'T', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 2, 'context'], text: 'C', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 2, 'source', 'data'], text: 'doc body', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 3, 'source', 'content', 0, 'text'], text: 'chunk', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 5, 'title'], text: 'ST', trusted: false },
      { role: 'user', source: 'document', path: ['messages', 0, 'content', 5, 'content', 0, 'text'], text: 'found', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 1, 'content', 0, 'thinking'], text: 'hmm', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 1, 'content', 2, 'text'], text: 'calling', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 1, 'content', 3, 'input', 'query'], text: 'cats', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 1, 'content', 3, 'input', 'opts', 'lang'], text: 'en', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['messages', 1, 'content', 3, 'input', 'tags', 0], text: 'a', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['messages', 2, 'content', 0, 'content'], text: 'plain result', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['messages', 2, 'content', 1, 'content', 0, 'text'], text: 'block result', trusted: false },
      { role: 'tool', source: 'document', path: ['messages', 2, 'content', 1, 'content', 1, 'source', 'content'], text: 'doc in result', trusted: false },
      { role: 'assistant', source: 'message', path: ['messages', 3, 'content'], text: 'plain', trusted: false },
    ]);
    expect(segments[0]!.messageIndex).toBeNull();
  });

  it('reads a string system and system messages', () => {
    const { segments } = validateRequest(
      { system: 'top', messages: [{ role: 'system', content: [{ type: 'text', text: 'inner' }] }, { role: 'user', content: 'u' }] },
      { format: 'anthropic' },
    );
    expect(segments.map(withoutIndex)).toEqual([
      { role: 'system', source: 'instructions', path: ['system'], text: 'top', trusted: true },
      { role: 'system', source: 'message', path: ['messages', 0, 'content', 0, 'text'], text: 'inner', trusted: true },
      { role: 'user', source: 'message', path: ['messages', 1, 'content'], text: 'u', trusted: false },
    ]);
  });

  it('reports malformed blocks with their paths', () => {
    const error = catchError(() =>
      validateRequest(
        {
          system: [{ type: 'image' }],
          messages: [
            { role: 'user', content: [{ type: 'tool_result', content: 5 }] },
            { role: 'assistant', content: [{ type: 'hologram' }] },
            { role: 'user', content: [{ type: 'document', source: { type: 'text' } }] },
          ],
        },
        { format: 'anthropic' },
      ),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      ['system', 0, 'type'],
      ['system', 0, 'text'],
      ['messages', 0, 'content', 0, 'tool_use_id'],
      ['messages', 0, 'content', 0, 'content'],
      ['messages', 1, 'content', 0, 'type'],
      ['messages', 2, 'content', 0, 'source', 'data'],
    ]);
  });
});
