import { describe, expect, it } from 'vitest';
import { detectFormat, validateRequest } from '../../src/validate/index.js';
import { catchError } from './helpers.js';

describe('format detection', () => {
  it.each([
    ['a bare message array', [{ role: 'user', content: 'hi' }], 'ai-sdk'],
    ['input', { model: 'gpt-4.1', input: 'hi' }, 'openai-responses'],
    ['instructions alone', { instructions: 'be withoutIndex' }, 'openai-responses'],
    ['a prompt template reference', { model: 'gpt-4.1', prompt: { id: 'pmpt_1' } }, 'openai-responses'],
    ['a string prompt', { system: 's', prompt: 'hi' }, 'ai-sdk'],
    ['plain messages', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, 'openai-chat'],
    ['a developer role', { messages: [{ role: 'developer', content: 'd' }] }, 'openai-chat'],
    ['tool_calls', { messages: [{ role: 'assistant', content: null, tool_calls: [] }] }, 'openai-chat'],
    ['tool_call_id', { messages: [{ role: 'tool', tool_call_id: 'x', content: 'r' }] }, 'openai-chat'],
    ['image_url parts', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u' } }] }] }, 'openai-chat'],
    ['system and a string model', { model: 'claude-sonnet-4-5', max_tokens: 10, system: 's', messages: [] }, 'anthropic'],
    ['system text blocks', { system: [{ type: 'text', text: 's' }], messages: [] }, 'anthropic'],
    ['tool_use blocks', { messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: {} }] }] }, 'anthropic'],
    ['tool_result blocks', { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't' }] }] }, 'anthropic'],
    ['images with source', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'u' } }] }] }, 'anthropic'],
    ['cache_control', { messages: [{ role: 'user', content: [{ type: 'text', text: 't', cache_control: { type: 'ephemeral' } }] }] }, 'anthropic'],
    ['system without a model', { system: 's', messages: [{ role: 'user', content: 'hi' }] }, 'ai-sdk'],
    ['system messages with role', { model: 'x', system: { role: 'system', content: 's' }, messages: [] }, 'ai-sdk'],
    ['tool-call parts', { messages: [{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: {} }] }] }, 'ai-sdk'],
    ['a tool role without tool_call_id', { messages: [{ role: 'tool', content: [] }] }, 'ai-sdk'],
    ['images with image', { messages: [{ role: 'user', content: [{ type: 'image', image: 'data' }] }] }, 'ai-sdk'],
  ] as const)('%s', (_, body, format) => {
    expect(detectFormat(body)).toBe(format);
    expect(validateRequest(body).format).toBe(format);
  });

  it('asks for the format when markers of two formats meet, naming where', () => {
    const error = catchError(() =>
      validateRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: {} }] },
          { role: 'tool', tool_call_id: 't', content: 'r' },
        ],
      }),
    );
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.message).toContain('options.format');
    expect(error.issues).toEqual([
      { path: ['messages', 0, 'content', 0], message: 'a "tool_use" part belongs to the Anthropic format' },
      { path: ['messages', 1], message: '"tool_call_id" belongs to the OpenAI Chat format' },
    ]);
  });

  it('asks for the format when OpenAI Chat markers meet a top-level system', () => {
    const error = catchError(() => validateRequest({ system: 's', messages: [{ role: 'developer', content: 'd' }] }));
    expect(error.issues.map((i) => i.path)).toEqual([['system'], ['messages', 0]]);
  });

  it('asks for the format when messages and input are both present', () => {
    expect(catchError(() => validateRequest({ messages: [], input: 'x' })).message).toContain('options.format');
  });

  it('asks for the format when nothing says what the request is', () => {
    expect(catchError(() => validateRequest({ model: 'gpt-4o' })).message).toContain('options.format');
  });

  it('rejects bodies that are not objects or arrays', () => {
    for (const body of [null, 'hi', 3, true, undefined, new Date(0)]) {
      expect(catchError(() => validateRequest(body)).issues[0]!.path).toEqual([]);
    }
  });

  it('lets an explicit format override detection', () => {
    expect(validateRequest({ system: 's', messages: [{ role: 'user', content: 'hi' }] }, { format: 'anthropic' }).format).toBe('anthropic');
  });
});
