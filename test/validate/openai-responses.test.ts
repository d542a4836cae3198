import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate/index.js';
import { withoutIndex, catchError } from './helpers.js';

describe('OpenAI Responses', () => {
  it('reads instructions and a string input', () => {
    const { format, segments } = validateRequest({ model: 'gpt-4.1', instructions: 'be withoutIndex', input: 'hi' });
    expect(format).toBe('openai-responses');
    expect(segments).toEqual([
      { role: 'system', source: 'instructions', messageIndex: null, path: ['instructions'], text: 'be withoutIndex', trusted: true },
      { role: 'user', source: 'message', messageIndex: null, path: ['input'], text: 'hi', trusted: false },
    ]);
  });

  it('reads messages, tool calls, tool outputs and reasoning among input items', () => {
    const { segments } = validateRequest({
      model: 'gpt-4.1',
      input: [
        { role: 'developer', content: 'dev' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q' }, { type: 'input_image', detail: 'auto', image_url: 'https://x' }, { type: 'input_file', file_id: 'f' }] },
        { type: 'message', id: 'm1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'a', annotations: [] }, { type: 'refusal', refusal: 'r' }] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"x":1}' },
        { type: 'function_call_output', call_id: 'c1', output: 'out' },
        { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_text', text: 'out2' }, { type: 'input_image', detail: 'low' }] },
        { type: 'custom_tool_call', call_id: 'c2', name: 'g', input: 'raw' },
        { type: 'custom_tool_call_output', call_id: 'c2', output: 'graw' },
        { type: 'reasoning', id: 'r1', summary: [{ type: 'summary_text', text: 'thought' }], encrypted_content: 'xyz' },
        { type: 'mcp_call', id: 'm', name: 'n', server_label: 's', arguments: '{}', output: 'mcp out' },
        { type: 'local_shell_call_output', id: 'l', output: 'ls out' },
        { type: 'shell_call_output', call_id: 's', output: [{ stdout: 'so', stderr: 'se', outcome: { type: 'exit', exit_code: 0 } }] },
        { type: 'web_search_call', id: 'w', status: 'completed' },
        { id: 'ref_1' },
        { type: 'item_reference', id: 'ref_2' },
      ],
    });
    expect(segments.map(withoutIndex)).toEqual([
      { role: 'developer', source: 'message', path: ['input', 0, 'content'], text: 'dev', trusted: true },
      { role: 'user', source: 'message', path: ['input', 1, 'content', 0, 'text'], text: 'q', trusted: false },
      { role: 'assistant', source: 'message', path: ['input', 2, 'content', 0, 'text'], text: 'a', trusted: false },
      { role: 'assistant', source: 'message', path: ['input', 2, 'content', 1, 'refusal'], text: 'r', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['input', 3, 'arguments'], text: '{"x":1}', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 4, 'output'], text: 'out', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 5, 'output', 0, 'text'], text: 'out2', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['input', 6, 'input'], text: 'raw', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 7, 'output'], text: 'graw', trusted: false },
      { role: 'assistant', source: 'message', path: ['input', 8, 'summary', 0, 'text'], text: 'thought', trusted: false },
      { role: 'assistant', source: 'tool-call', path: ['input', 9, 'arguments'], text: '{}', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 9, 'output'], text: 'mcp out', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 10, 'output'], text: 'ls out', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 11, 'output', 0, 'stdout'], text: 'so', trusted: false },
      { role: 'tool', source: 'tool-result', path: ['input', 11, 'output', 0, 'stderr'], text: 'se', trusted: false },
    ]);
  });

  it('reports malformed items with their paths', () => {
    const error = catchError(() =>
      validateRequest(
        {
          instructions: 7,
          input: [
            { role: 'user', content: [{ type: 'input_text' }] },
            { type: 'function_call', call_id: 'c', name: 'f' },
            { type: 'teleport' },
            { role: 'robot', content: 'x' },
          ],
        },
        { format: 'openai-responses' },
      ),
    );
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.issues.map((i) => i.path)).toEqual([
      ['instructions'],
      ['input', 0, 'content', 0, 'text'],
      ['input', 1, 'arguments'],
      ['input', 2, 'type'],
      ['input', 3, 'role'],
    ]);
  });
});
