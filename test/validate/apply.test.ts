import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySegments, validateRequest } from '../../src/validate/index.js';
import { catchError } from './helpers.js';

/** One request per format, each with several kinds of segment. */
const REQUESTS: unknown[] = [
  {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'u' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: 'r' },
    ],
  },
  { model: 'gpt-4.1', instructions: 'i', input: [{ role: 'user', content: 'u' }, { type: 'function_call_output', call_id: 'c', output: 'o' }] },
  {
    model: 'claude',
    max_tokens: 9,
    system: 's',
    messages: [
      { role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'd' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: { q: 'x', deep: [{ r: 'y' }] } }] },
    ],
  },
  [
    { role: 'user', content: [{ type: 'text', text: 't' }, { type: 'file', data: new Uint8Array([1]), mediaType: 'application/pdf' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 'n', output: { type: 'json', value: { a: ['b'] } } }] },
  ],
];

describe('applySegments', () => {
  it('gives a deep-equal copy when the segments are unchanged, for every format', () => {
    for (const body of REQUESTS) {
      const { request, segments } = validateRequest(body);
      const copy = applySegments(request, segments);
      expect(copy).toEqual(body);
      expect(copy).not.toBe(body);
    }
  });

  it('changing one segment changes only that path, and the original stays as it was', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUESTS), fc.nat(), fc.string(), (body, pick, text) => {
        const before = structuredClone(body);
        const { request, segments } = validateRequest(body);
        const target = segments[pick % segments.length]!;
        const copy = applySegments(request, [{ path: target.path, text }]);
        const after = validateRequest(copy, { limits: { controlCharacters: 'allow', loneSurrogates: 'allow' } }).segments;
        expect(after.map((s) => s.path)).toEqual(segments.map((s) => s.path));
        after.forEach((segment, i) => expect(segment.text).toBe(sameRef(segment.path, target.path) ? text : segments[i]!.text));
        expect(body).toEqual(before);
      }),
    );
  });

  it('copies plain data deeply but shares binary payloads', () => {
    const body = REQUESTS[3] as { content: { data?: Uint8Array }[] }[];
    const copy = applySegments(body, []);
    expect(copy[0]!.content).not.toBe(body[0]!.content);
    expect(copy[0]!.content[1]!.data).toBe(body[0]!.content[1]!.data);
  });

  it('rejects paths that do not lead to a text, and writes nothing', () => {
    const body = { messages: [{ role: 'user', content: 'hi' }] };
    const error = catchError(() =>
      applySegments(body, [
        { path: ['messages', 0, 'content'], text: 'ok' },
        { path: ['messages', 1, 'content'], text: 'x' },
        { path: ['messages', 0], text: 'x' },
        { path: [], text: 'x' },
        { path: ['__proto__', 'toString'], text: 'x' },
      ]),
    );
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.issues.map((i) => i.path)).toEqual([['messages', 1, 'content'], ['messages', 0], [], ['__proto__', 'toString']]);
    expect(body.messages[0]!.content).toBe('hi');
  });

  it('keeps an own "__proto__" key as data, never as a prototype', () => {
    const body = JSON.parse('{"messages":[{"role":"user","content":"hi","__proto__":{"polluted":"yes"}}]}') as { messages: object[] };
    const copy = applySegments(body, [{ path: ['messages', 0, '__proto__', 'polluted'], text: 'no' }]);
    const message = copy.messages[0]!;
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(message, '__proto__')?.value).toEqual({ polluted: 'no' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

function sameRef(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}
