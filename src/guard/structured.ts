import { PromptwardError, type PromptwardIssue } from '../errors.js';
import type { InferOutput, StandardSchemaV1 } from './standard-schema.js';

/** An answer that is not the JSON its schema asks for. HTTP 502: the model, not the caller, was wrong. */
export class OutputSchemaError extends PromptwardError {
  override readonly name = 'OutputSchemaError';
  constructor(message: string, issues: PromptwardIssue[] = []) {
    super('PW_OUTPUT_SCHEMA', message, { issues });
  }
}

/** The language tags a JSON fence may carry. */
const FENCE_TAG = /^[ \t]*(?:json[c5]?|javascript|js)?[ \t]*$/i;

/**
 * The body of the first fenced block (```json … ```) whose tag line names JSON or nothing.
 * Found with indexOf: a lazy `[\s\S]*?` regex rescans to the end from every unclosed fence.
 */
function fencedBody(answer: string): string | null {
  for (let open = answer.indexOf('```'); open !== -1; open = answer.indexOf('```', open + 3)) {
    const lineEnd = answer.indexOf('\n', open + 3);
    if (lineEnd === -1) return null;
    if (!FENCE_TAG.test(answer.slice(open + 3, lineEnd).replace(/\r$/, ''))) continue;
    const close = answer.indexOf('```', lineEnd + 1);
    if (close === -1) return null;
    return answer.slice(lineEnd + 1, close).replace(/\r?\n[ \t]*$/, '');
  }
  return null;
}

/**
 * The JSON text inside a model's answer: the whole answer when it parses, else the first
 * fenced block (```json … ```), else the span from the first `{` or `[` to the last `}` or `]`.
 */
export function extractJson(answer: string): unknown {
  const candidates = [answer.trim()];
  const fenced = fencedBody(answer);
  if (fenced !== null) candidates.push(fenced.trim());
  const open = answer.search(/[{[]/);
  const close = Math.max(answer.lastIndexOf('}'), answer.lastIndexOf(']'));
  if (open >= 0 && close > open) candidates.push(answer.slice(open, close + 1));
  for (const text of candidates) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not this candidate; try the next.
    }
  }
  throw new OutputSchemaError('the answer holds no JSON value (tried the whole text, a fenced block and the outermost braces)');
}

/**
 * Parses a model's answer as JSON and checks it against a schema: any Standard Schema
 * (zod 4, valibot, arktype…). Returns the schema's output value.
 *
 * @throws OutputSchemaError (`PW_OUTPUT_SCHEMA`) with one issue per problem and its path.
 * @example
 * const order = await parseStructured(answer, z.object({ id: z.string(), qty: z.number().int() }));
 */
export async function parseStructured<S extends StandardSchemaV1>(
  answer: string,
  schema: S,
): Promise<InferOutput<S>> {
  if (typeof answer !== 'string') throw new OutputSchemaError(`expected the answer as a string, got ${typeof answer}`);
  const value = extractJson(answer);
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return result.value as InferOutput<S>;
  const issues = result.issues.map((i) => ({
    path: (i.path ?? []).map((p) => {
      const key = typeof p === 'object' ? p.key : p;
      return typeof key === 'number' ? key : String(key);
    }),
    message: i.message,
  }));
  throw new OutputSchemaError(
    `the answer does not match its schema: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    issues,
  );
}
