import { charClass, startBefore } from './chars.js';
import { LEXICON } from './lexicon.js';
import { FENCE, INLINE_CODE } from './markdown.js';
import { replaceRanges, type TextView } from './view.js';

/** What a writer puts inside a word to split it: a hyphen, a star, a dot, a middle dot, a bar or an underscore. */
const SEPARATOR = '[-*.·|_]';
/** One part of a split word and the separator after it, when a letter follows. Sticky. */
const PART = new RegExp(`(\\p{L}+)(${SEPARATOR}(?=\\p{L}))?`, 'uy');
/** A separator between two letters (or letter-like characters): plain classes, which V8 searches fast. */
const HIT = /[A-Za-z\u00c0-\uffff][-*.·|_][A-Za-z\u00c0-\uffff]/g;
/** What the words of the lexicon begin with (not the whole word). */
const PREFIXES = new Set([...LEXICON].flatMap((w) => [...Array(w.length - 1).keys()].map((k) => w.slice(0, k + 1))));
const LONGEST_PREFIX = Math.max(...[...LEXICON].map((w) => w.length)) - 1;
/** Parts of a word, at most, that join back into one. */
const MOST_PARTS = 4;

/**
 * Words of {@link LEXICON} split inside read back whole (`ig-nore all pre*vious in.struc.tions`
 * → `ignore all previous instructions`): the separators are dropped between two to four parts
 * in a row that join into a word of the lexicon none of them is on its own.
 */
export function joinSplitWords(view: TextView): TextView {
  const text = view.text;
  const cuts: number[] = [];
  HIT.lastIndex = 0;
  for (let h = HIT.exec(text); h !== null; h = HIT.exec(text)) {
    // The letters before the first separator of the run start it; they begin a word of the lexicon, or
    // no part joins (most hits: `e.g`, `well-known`, `example.com`).
    let start = h.index + 1;
    while (start > 0 && charClass(text.codePointAt(startBefore(text, start))!) === 2) start = startBefore(text, start);
    if (h.index + 1 - start > LONGEST_PREFIX || !PREFIXES.has(text.slice(start, h.index + 1).toLowerCase())) continue;
    const parts: { word: string; end: number; sep: number }[] = [];
    PART.lastIndex = start;
    for (let p = PART.exec(text); p !== null; p = PART.exec(text)) {
      parts.push({ word: p[1]!.toLowerCase(), end: p.index + p[1]!.length, sep: p[2]?.length ?? 0 });
      if (p[2] === undefined) break;
    }
    HIT.lastIndex = Math.max(h.index + 1, parts[parts.length - 1]?.end ?? 0);
    for (let i = 0; i < parts.length - 1; ) {
      let k = Math.min(MOST_PARTS, parts.length - i);
      for (; k >= 2; k--) {
        const group = parts.slice(i, i + k);
        if (LEXICON.has(group.map((p) => p.word).join('')) && !group.some((p) => LEXICON.has(p.word))) break;
      }
      if (k < 2) {
        i++;
        continue;
      }
      for (const p of parts.slice(i, i + k - 1)) cuts.push(p.end, p.end + p.sep);
      i += k;
    }
  }
  return replaceRanges(view, cuts, '');
}

/**
 * Short HTML or C comments between two characters of a word (letters, marks, digits, leet `@` and
 * `$`), with the emphasis and underscores beside them: nothing a writer puts inside a word but to split it.
 */
const COMMENT_IN_WORD = /(?<=[\p{L}\p{M}\p{N}@$])[*~_]*(?:<!--[^<>]{0,20}-->|\/\*[^*/]{0,20}\*\/)+[*~_]*(?=[\p{L}\p{M}\p{N}@$])/gu;

/**
 * Comments inside a word dropped (`sys<!-- -->tem` → `system`, `ig/**\/nore` → `ignore`). Before
 * look-alikes are folded, which read the word whole.
 */
export function dropCommentsInWords(view: TextView): TextView {
  const text = view.text;
  if (!text.includes('<!--') && !text.includes('/*')) return view;
  const cuts: number[] = [];
  COMMENT_IN_WORD.lastIndex = 0;
  for (let m = COMMENT_IN_WORD.exec(text); m !== null; m = COMMENT_IN_WORD.exec(text)) cuts.push(m.index, m.index + m[0].length);
  return replaceRanges(view, cuts, '');
}

/**
 * Tags of inline HTML elements (`<b>`, `</span>`, `<a href="…">`, `<wbr>`): a browser shows their
 * text in the flow of the words around it, and so does a model reading the page. Not block
 * elements (`<p>`, `<br>`, `<td>`), which part what they stand between, nor `<img>`.
 */
const INLINE_TAG = /<\/?(?:a|abbr|b|bdi|bdo|big|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?:\s[^<>`]{0,200})?\/?>/gi;
/** How far back a `<` left open can be that a tag dropped would close (the longest tag above). */
const OPEN_REACH = 256;

/**
 * Inline HTML tags dropped (`<b>Ig</b>nore all <span class="x">previous</span> instructions` →
 * `Ignore all previous instructions`), as a page is read: a rule on phrases would see a tag
 * between two words or inside one. A tag inside one left open (`<sp<b></b>an>`) stays: dropped,
 * it would make a new tag, which the next reading would drop; so do tags in Markdown code
 * (fenced or inline), which shows them as written.
 */
export function dropInlineTags(view: TextView): TextView {
  const text = view.text;
  if (!text.includes('<')) return view;
  // Markdown code, fenced or inline, shows a tag as written.
  const code = text.includes('`') ? markdownCode(text) : [];
  const cuts: number[] = [];
  let c = 0;
  INLINE_TAG.lastIndex = 0;
  for (let m = INLINE_TAG.exec(text); m !== null; m = INLINE_TAG.exec(text)) {
    while (c < code.length && code[c + 1]! <= m.index) c += 2;
    const inCode = c < code.length && code[c]! <= m.index;
    if (!inCode && !insideOpenAngle(text, m.index)) cuts.push(m.index, m.index + m[0].length);
  }
  return replaceRanges(view, cuts, '');
}

/** The spans of fenced and inline Markdown code in `text`, as sorted, disjoint `[start, end)` pairs. */
function markdownCode(text: string): number[] {
  const spans: [number, number][] = [];
  for (const re of [FENCE, INLINE_CODE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of spans) {
    if (out.length > 0 && start < out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

/** True when a `<` stands open before `at` (no `>` after it), within {@link OPEN_REACH} characters. */
function insideOpenAngle(text: string, at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - OPEN_REACH); i--) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return false;
    if (c === 0x3c) return true;
  }
  return false;
}
