import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPromptwardError } from '../../src/errors.js';
import { REQUEST_FORMATS, validateRequest, type RequestFormat } from '../../src/validate/index.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function', 'robot'];
const TYPES = ['text', 'image', 'image_url', 'file', 'document', 'tool_use', 'tool_result', 'tool-call', 'tool-result', 'input_text', 'output_text', 'function_call', 'function_call_output', 'reasoning', 'message', 'refusal', 'content'];

/** JSON that looks enough like a chat request to get past the first checks. */
const part = fc.dictionary(fc.constantFrom('type', 'text', 'content', 'source', 'input', 'output', 'value', 'data', 'id', 'call_id', 'tool_use_id', 'toolCallId', 'toolName', 'arguments', 'name', 'summary'), fc.oneof(fc.constantFrom(...TYPES), fc.jsonValue({ maxDepth: 3 })));
const message = fc.record({ role: fc.constantFrom(...ROLES), content: fc.oneof(fc.string(), fc.array(part, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), type: fc.option(fc.constantFrom(...TYPES), { nil: undefined }) }, { requiredKeys: [] });
const requestLike = fc.oneof(
  fc.record({ model: fc.option(fc.string(), { nil: undefined }), system: fc.option(fc.oneof(fc.string(), fc.array(part)), { nil: undefined }), messages: fc.array(message, { maxLength: 5 }) }, { requiredKeys: ['messages'] }),
  fc.record({ instructions: fc.option(fc.string(), { nil: undefined }), input: fc.oneof(fc.string(), fc.array(fc.oneof(message, part), { maxLength: 5 })) }, { requiredKeys: ['input'] }),
  fc.array(message, { maxLength: 5 }),
);
const body = fc.oneof(fc.jsonValue(), requestLike, fc.anything());
const format = fc.constantFrom<RequestFormat | 'auto' | undefined>(undefined, 'auto', ...REQUEST_FORMATS);

describe('validateRequest on arbitrary input', () => {
  it('returns or throws a PromptwardError, never anything else, for any value and format', () => {
    fc.assert(
      fc.property(body, format, fc.boolean(), (value, fmt, tight) => {
        try {
          const result = validateRequest(value, { ...(fmt === undefined ? {} : { format: fmt }), ...(tight ? { limits: { maxTotalChars: 20, maxMessages: 2 } } : {}) });
          expect(Array.isArray(result.segments)).toBe(true);
        } catch (error) {
          if (!isPromptwardError(error)) throw new Error(`threw a non-promptward error: ${String(error)}`);
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            expect(Array.isArray(issue.path)).toBe(true);
            expect(typeof issue.message).toBe('string');
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('every segment path of an accepted request leads to its text', () => {
    fc.assert(
      fc.property(requestLike, (value) => {
        let segments;
        try {
          segments = validateRequest(value).segments;
        } catch {
          return;
        }
        for (const segment of segments) {
          const found = segment.path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
          expect(found).toBe(segment.text);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
