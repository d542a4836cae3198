import { InvalidInputError } from '../errors.js';
import type { Source } from './inputs.js';

/** One JSON line of a JSONL input, parsed, with its line number. */
export interface JsonRecord {
  line: number;
  value: unknown;
}

/** The JSON lines of a source; blank lines are skipped, a line that is not JSON is an error naming it. */
export async function* jsonLines(source: Source): AsyncGenerator<JsonRecord> {
  let line = 0;
  for await (const text of source.lines()) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch {
      throw new InvalidInputError(`${source.name}:${line}: not a JSON line`);
    }
  }
}

/** The text of a JSONL record of texts: a JSON string, or an object with a `text` string. */
export function recordText(source: Source, record: JsonRecord): string {
  const { value } = record;
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') {
    throw new InvalidInputError(`${source.name}:${record.line}: expected a JSON string or an object with a "text" string`);
  }
  return text;
}
