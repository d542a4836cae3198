import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate/index.js';
import { withoutIndex, catchError } from './helpers.js';

describe('AI SDK prompts', () => {
  it('reads a message list with every role and part', () => {
    const { format, segments } = validateRequest([
      { role: 'system', content: 'sys' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'q' },
          { type: 'image', image: new URL('https://x/y.png') },
          { type: 'file', data: new Uint8Array([1, 2]), mediaType: 'application/pdf' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'think' },
          { type: 'text', text: 'a' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'search', input: { q: 'dogs' } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: { type: 'text', value: 'txt' } },
          { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: { type: 'json', value: { hits: ['h1', 2, null] } } },
          { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: { type: 'error-text', value: 'err' } },
          { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: { type: 'execution-denied', reason: 'no' } },
          { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: { type: 'content', value: [{ type: 'text', text: 'c' }, { type: 'image-url', url: 'https://i' }] } },
          { type: 'tool-approval-response', approvalId: 'a', approved: true },
        ],
      },
      { role: 'assistant', content: 'plain' },
    ]);
    expect(format).toBe('ai-sdk');
    expect(segments.map(withoutIndex)).toEqual([
      { role: 'system', source: 'message', path: [0, 'content'], text: 'sys', trusted: true },
      { role: 'user', source: 'message', path: [1, 'content', 0, 'text'], text: 'q', trusted: false },
      { role: 'assistant', source: 'message', path: [2, 'content', 0, 'text'], text: 'think', trusted: false },
      { role: 'assistant', source: 'message', path: [2, 'content', 1, 'text'], text: 'a', trusted: false },
      { role: 'assistant', source: 'tool-call', path: [2, 'content', 2, 'input', 'q'], text: 'dogs', trusted: false },
      { role: 'tool', source: 'tool-result', path: [3, 'content', 0, 'output', 'value'], text: 'txt', trusted: false },
      { role: 'tool', source: 'tool-result', path: [3, 'content', 1, 'output', 'value', 'hits', 0], text: 'h1', trusted: false },
      { role: 'tool', source: 'tool-result', path: [3, 'content', 2, 'output', 'value'], text: 'err', trusted: false },
      { role: 'tool', source: 'tool-result', path: [3, 'content', 3, 'output', 'reason'], text: 'no', trusted: false },
      { role: 'tool', source: 'tool-result', path: [3, 'content', 4, 'output', 'value', 0, 'text'], text: 'c', trusted: false },
      { role: 'assistant', source: 'message', path: [4, 'content'], text: 'plain', trusted: false },
    ]);
  });

  it('reads the prompt fields of generateText options', () => {
    expect(validateRequest({ system: 'sys', prompt: 'hi' }).segments.map(withoutIndex)).toEqual([
      { role: 'system', source: 'instructions', path: ['system'], text: 'sys', trusted: true },
      { role: 'user', source: 'message', path: ['prompt'], text: 'hi', trusted: false },
    ]);
    const { segments } = validateRequest(
      { system: [{ role: 'system', content: 's1' }], messages: [{ role: 'user', content: 'u' }] },
      { format: 'ai-sdk' },
    );
    expect(segments.map((s) => s.path)).toEqual([['system', 0, 'content'], ['messages', 0, 'content']]);
    expect(validateRequest({ system: { role: 'system', content: 's' }, prompt: [{ role: 'user', content: 'p' }] }).segments.map((s) => s.path)).toEqual([
      ['system', 'content'],
      ['prompt', 0, 'content'],
    ]);
  });

  it('reports malformed parts with their paths', () => {
    const error = catchError(() =>
      validateRequest([
        { role: 'user', content: [{ type: 'tool-call' }] },
        { role: 'tool', content: 'not a list' },
        { role: 'assistant', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 't', output: { type: 'text', value: 1 } }] },
      ]),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      [0, 'content', 0, 'type'],
      [1, 'content'],
      [2, 'content', 0, 'output', 'value'],
    ]);
  });
});
