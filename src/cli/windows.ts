import type { Engine } from '../engine/engine.js';
import type { Finding } from '../engine/finding.js';

/** A finding located in a whole input: absolute span, 1-based line and column. */
export interface LocatedFinding extends Finding {
  line: number;
  column: number;
  /** The matched text (callers mask secrets before showing it). */
  text: string;
  /** For a chat request, where the text is in it (`messages.1.content`). */
  path?: string;
}

/** Characters of already reported text kept before each window, so `\b` and context words see what precedes. */
const LEFT_CONTEXT = 256;

/**
 * Scans a text that arrives in chunks without holding it whole. Each window is the text not
 * yet settled plus the new chunk (and some left context); findings that start in its last
 * `overlap` characters wait for the next window, where they are found again whole. With
 * `overlap` at least the longest match of any rule, the findings equal those of one scan of
 * the whole text, and memory stays bounded by chunk size plus overlap.
 */
export async function* scanChunks(
  chunks: AsyncIterable<string> | Iterable<string>,
  engine: Engine,
  overlap: number,
): AsyncGenerator<LocatedFinding> {
  let buf = '';
  let bufStart = 0; // absolute offset of buf[0]
  let settled = 0; // findings starting before this offset have been reported
  let line = 1;
  let lineStart = 0;
  let counted = 0; // newlines before this offset are counted in `line`
  const countTo = (offset: number): void => {
    for (let i = buf.indexOf('\n', counted - bufStart); i !== -1 && bufStart + i < offset; i = buf.indexOf('\n', i + 1)) {
      line++;
      lineStart = bufStart + i + 1;
    }
    counted = offset;
  };
  const report = function* (upTo: number): Generator<LocatedFinding> {
    const found = engine.scan(buf, { maxChars: Number.MAX_SAFE_INTEGER }).findings;
    for (const f of found) {
      const start = bufStart + f.start;
      if (start < settled || start >= upTo) continue;
      countTo(start);
      yield { ...f, start, end: bufStart + f.end, line, column: start - lineStart + 1, text: buf.slice(f.start, f.end) };
    }
    countTo(upTo);
    settled = upTo;
    const keepFrom = Math.max(bufStart, settled - LEFT_CONTEXT);
    buf = buf.slice(keepFrom - bufStart);
    bufStart = keepFrom;
  };
  for await (const chunk of chunks) {
    buf += chunk;
    const upTo = bufStart + buf.length - overlap;
    if (upTo > settled) yield* report(upTo);
  }
  yield* report(bufStart + buf.length);
}
