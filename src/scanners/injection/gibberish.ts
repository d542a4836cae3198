import type { Finding } from '../../engine/finding.js';
import { truncate } from './evidence.js';

/** Whitespace-separated tokens. */
const TOKEN = /\S+/g;
/** Wrapping punctuation a normal word can carry at its edges. */
const OPENERS = new Set('("\'“‘[*_');
const CLOSERS = new Set(')"\'”’].,;:!?*_');

/**
 * `token` without its leading openers and trailing closers. A loop, not a regex: an anchored
 * `[…]+$` alternative retried at every position is quadratic on a long run of punctuation.
 */
function stripEdges(token: string): string {
  let start = 0;
  while (start < token.length && OPENERS.has(token[start]!)) start++;
  let end = token.length;
  while (end > start && CLOSERS.has(token[end - 1]!)) end--;
  return token.slice(start, end);
}
/** Characters that prose does not put inside a word. */
const ODD = /[[\]{}()<>|\\^~`$=*#@%&;"!?+]/;
/** Tokens glued together: `soldiersHere`, `XVIIIblogs`. */
// `[A-Z]{3}[a-z]{2}` finds exactly the tokens `[A-Z]{3,}[a-z]{2,}` would, without retrying a long
// capital run from every position (quadratic).
const GLUED = /[a-z][A-Z][a-z]|[A-Z]{3}[a-z]{2}/;
/** Dots run into a word (`anglais.....WRITE`, `Begr........`): not an ellipsis, not an abbreviation. */
const DOTS_IN_WORD = /\p{L}\.{3,}\p{L}|\.{4,}|__/u;
const QUOTE = /["`“”]/;
/** A function call or attribute path, which reads as code rather than noise: `model.float()`. */
const CALL = /^[\w.]+\([\w.,'" ]*\)[.,;:]?$/;
/** Lines that look like source code, where odd tokens are normal. */
const CODE_LINE =
  /^\s{2,}\S|^\t|[;{}]\s*$|^\s*(?:def|class|function|return|import|from|const|let|var|if|for|while|public|private|#include|SELECT|<\/?[a-z]+[ >])\b|^\s*[-*>|]\s|^\s*\d+[.)]\s/;
/** Fenced code blocks, opened at the start of a line: their lines are code, not prose. */
const FENCE = /(?:^|\n)[ \t]*```[\s\S]*?(?:```|$)/g;
/** HTML or XML tags: markup, not noise. */
const TAG = /<\/?[A-Za-z][^<>\n]{0,200}>/g;
/** Chinese, Japanese and Korean write without spaces, so a "token" there is a whole clause. */
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;
/** Inline code spans; blanked when their brackets balance, as real code's do. */
const INLINE_CODE = /`[^`\n]{1,200}`/g;
/** Numbers, percentages, lone operators and list markers (`8%`, `=`, `6)Mean`): data and maths, not noise. */
const PLAIN = /^(?:[-+]?[\d.,]+%?|[-+=*/<>%&]|\d+[).]\p{L}+)$/u;
const PAIRS = [['(', ')'], ['[', ']'], ['{', '}']] as const;

/**
 * Tokens per window, and the weight (odd tokens plus unbalanced brackets) a window needs: from
 * {@link MIN_WEIGHT} on it is a suffix (0.7, 0.85 from 8); from {@link WEAK_WEIGHT}, a weak cue
 * (0.3) that flags only beside another, as a shorter or milder suffix after a harmful request
 * does (measured: 1.4% of the benign eval texts have a window of weight 3–4, none flagged with it).
 */
const WINDOW = 12;
const MIN_WEIGHT = 5;
const WEAK_WEIGHT = 3;

/**
 * Finds adversarial-suffix gibberish (the GCG kind): a run of tokens on one prose line where
 * many tokens carry brackets, operators, quotes or backslashes inside them, or are glued
 * words, and brackets open without closing, as optimisation against a model produces and no
 * language writes. Code (fenced blocks, code-looking lines, balanced inline code) is skipped.
 * One pass with a sliding window: linear in the text.
 */
export function adversarialSuffix(text: string): Finding | null {
  const unfenced = text.includes('```') ? blank(text, FENCE, () => true) : text;
  const prose = blank(blank(unfenced, TAG, () => true), INLINE_CODE, (span) => balanced(span));
  let lineStart = 0;
  while (lineStart < prose.length) {
    let lineEnd = prose.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = prose.length;
    const hit = scanLine(text, prose, lineStart, lineEnd);
    if (hit !== null) return hit;
    lineStart = lineEnd + 1;
  }
  return null;
}

/** `text` with the matches of `re` that pass `when` replaced by spaces, offsets kept. */
function blank(text: string, re: RegExp, when: (span: string) => boolean): string {
  return text.replace(re, (m) => (when(m) ? m.replace(/[^\n]/g, ' ') : m));
}

function balanced(s: string): boolean {
  return PAIRS.every(([open, close]) => s.split(open).length === s.split(close).length);
}

function scanLine(text: string, prose: string, from: number, to: number): Finding | null {
  const line = prose.slice(from, to);
  if (line.trim().length < 40 || CODE_LINE.test(line)) return null;
  const weights: number[] = [];
  // Per token, opening minus closing brackets of each kind: (), [], {}.
  const deltas: number[][] = [[], [], []];
  const quoteCounts: number[] = [];
  const spans: [number, number][] = [];
  for (const m of line.matchAll(TOKEN)) {
    const token = m[0];
    weights.push(isOdd(token) ? 1 : 0);
    bracketDeltas(token, deltas);
    quoteCounts.push(quotes(token));
    spans.push([m.index, m.index + token.length]);
  }
  if (weights.length < WINDOW) return null;
  const sums = [0, 0, 0];
  let quoted = 0;
  let odd = 0;
  let best = -1;
  let bestWeight = 0;
  for (let i = 0; i < weights.length; i++) {
    odd += weights[i]!;
    for (let k = 0; k < 3; k++) sums[k]! += deltas[k]![i]!;
    quoted += quoteCounts[i]!;
    if (i >= WINDOW) {
      odd -= weights[i - WINDOW]!;
      for (let k = 0; k < 3; k++) sums[k]! -= deltas[k]![i - WINDOW]!;
      quoted -= quoteCounts[i - WINDOW]!;
    }
    if (i < WINDOW - 1) continue;
    // Brackets left open or closed unopened, plus one when the window holds an odd number of quotes.
    const weight = odd + Math.min(3, Math.abs(sums[0]!) + Math.abs(sums[1]!) + Math.abs(sums[2]!) + (quoted % 2));
    if (weight > bestWeight) {
      bestWeight = weight;
      best = i;
    }
  }
  if (bestWeight < WEAK_WEIGHT) return null;
  const start = from + spans[best - WINDOW + 1]![0];
  const end = from + spans[best]![1];
  return {
    ruleId: 'heuristic/adversarial-suffix',
    category: 'adversarial-suffix',
    severity: 'high',
    score: bestWeight >= 8 ? 0.85 : bestWeight >= MIN_WEIGHT ? 0.7 : 0.3,
    start,
    end,
    view: 'raw',
    evidence: `symbol-laden, glued or unbalanced tokens (weight ${bestWeight} in ${WINDOW}): ${truncate(text.slice(start, end))}`,
  };
}

const BRACKET = /[()[\]{}]/;

/** Appends to `deltas` the opening minus closing brackets of `token`, per kind of {@link PAIRS}. */
function bracketDeltas(token: string, deltas: number[][]): void {
  const d = [0, 0, 0];
  if (BRACKET.test(token)) {
    for (const ch of token) {
      for (let k = 0; k < 3; k++) {
        if (ch === PAIRS[k]![0]) d[k]!++;
        else if (ch === PAIRS[k]![1]) d[k]!--;
      }
    }
  }
  for (let k = 0; k < 3; k++) deltas[k]!.push(d[k]!);
}

/** Double quotes and backticks in `token`; quotes in prose come in pairs. */
function quotes(token: string): number {
  if (!QUOTE.test(token)) return 0;
  let n = 0;
  for (const ch of token) if (ch === '"' || ch === '`' || ch === '“' || ch === '”') n++;
  return n;
}

function isOdd(token: string): boolean {
  const core = stripEdges(token);
  if (core.length === 0) return token.length >= 2 && !/^(?:[.…!?]+|-+|—|–|&)$/.test(token);
  if (CALL.test(core) || PLAIN.test(core) || CJK.test(core)) return false;
  return ODD.test(core) || GLUED.test(core) || ((core.includes('..') || core.includes('__')) && DOTS_IN_WORD.test(core));
}
