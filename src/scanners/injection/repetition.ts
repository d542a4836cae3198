import type { Finding } from '../../engine/finding.js';
import { truncate } from './evidence.js';

/** Whitespace-separated tokens, and the whitespace between them. */
const TOKEN = /\S+/g;
const SPACE = /\s+/;
/** Longest repeated unit looked for, in tokens: "ignore above ignore above …" has a unit of two. */
const MAX_UNIT = 4;
/** Times a unit must repeat back to back to count as a repeated-token run. */
const MIN_REPEATS = 16;
/** Tokens that must follow the run: the request the repetition is meant to smuggle past the prompt. */
const MIN_AFTER = 3;
/** A letter or digit: runs of punctuation (`-----`, `* * *`) are layout, not an attack. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** A letter: repeated digits only count when the unit is long (`12345 12345 …`, not `0 0 0` in a matrix). */
const LETTER = /\p{L}/u;

/**
 * Finds a repeated-token attack: one token or short phrase repeated many times back to back
 * ("12345 12345 …", "poem poem poem …") and followed by a request. The repetition pushes the
 * system prompt out of the model's attention or makes it diverge. Tokens compare exactly
 * (case included). One pass per unit length (1–4 tokens), so linear in the text.
 */
export function repeatedTokens(text: string): Finding | null {
  if (text.length < MIN_REPEATS * 2) return null;
  const tokens = text.split(SPACE);
  // A leading separator leaves an empty first token; token i is then word i - 1 of the text.
  const skip = tokens[0] === '' ? 1 : 0;
  let best: { repeats: number; from: number; to: number; unit: number } | null = null;
  for (let unit = 1; unit <= MAX_UNIT; unit++) {
    let run = 0; // tokens i with tokens[i] === tokens[i - unit], back to back
    for (let i = skip + unit; i <= tokens.length; i++) {
      if (i < tokens.length && tokens[i] !== '' && tokens[i] === tokens[i - unit]) {
        run++;
        continue;
      }
      const repeats = Math.floor(run / unit) + 1;
      if (repeats >= MIN_REPEATS && (best === null || repeats > best.repeats)) {
        const from = i - run - unit;
        const unitTokens = tokens.slice(from, from + unit);
        const words = unitTokens.join(' ');
        const after = tokens.length - i - (tokens[tokens.length - 1] === '' ? 1 : 0);
        if (primitive(unitTokens) && WORDLIKE.test(words) && (LETTER.test(words) || words.length >= 5) && after >= MIN_AFTER) {
          best = { repeats, from: from - skip, to: i - 1 - skip, unit };
        }
      }
      run = 0;
    }
  }
  if (best === null) return null;
  // Offsets only for the one run reported: walk the words up to its last one.
  const spans: [number, number][] = [];
  for (const m of text.matchAll(TOKEN)) {
    spans.push([m.index, m.index + m[0].length]);
    if (spans.length > best.to) break;
  }
  const start = spans[best.from]![0];
  const end = spans[best.to]![1];
  const unitText = text.slice(start, spans[best.from + best.unit - 1]![1]);
  return {
    ruleId: 'heuristic/repeated-tokens',
    category: 'repeated-tokens',
    severity: 'medium',
    // Runs of `NaN`, `<pad>` or song lyrics are ordinary too: a weak cue that needs company.
    score: 0.35,
    start,
    end,
    view: 'raw',
    evidence: `${truncate(unitText)} repeated ${best.repeats} times before a request`,
  };
}

/** True when `unit` is not itself a shorter unit repeated (`0 0 0 0` is `0` four times). */
function primitive(unit: readonly string[]): boolean {
  for (let d = 1; d < unit.length; d++) {
    if (unit.length % d === 0 && unit.every((t, i) => t === unit[i % d])) return false;
  }
  return true;
}
