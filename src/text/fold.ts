import { cleanView } from './clean.js';
import { CONFUSABLE, latinLookalike } from './confusables.js';
import { type TextView, ViewBuilder } from './view.js';

/** Characters that stand for letters in leetspeak. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * A run of at least three single letters (or leet digits) each followed by exactly one
 * separator: `i g n o r e`, `i.g.n.o.r.e`, `i-g-n-o-r-e`. JS RegExp is safe here: every
 * repetition consumes one separator and one unit, so there is no ambiguity to backtrack on.
 */
const SPACED = /(?<![\p{L}\p{N}@$])[\p{L}013457@$](?:[ .\-_*|/+~·•][\p{L}013457@$]){2,}(?![\p{L}\p{N}@$])/gu;
const LETTERS_2 = /\p{L}.*\p{L}/u;
const LETTER = /^\p{L}$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const LEET_G = /[013457@$]/g;

/** Classes of ASCII characters: 0 not in a word, 1 in a word, 2 a letter, 3 a leet character. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = 2;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = 2;
for (const c of '013457@$') ASCII_CLASS[c.charCodeAt(0)] = 3;

/** The class of the code point at `i` (as {@link ASCII_CLASS}). */
function wordClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_CLASS[c]!;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return LETTER.test(ch) ? 2 : WORD_CHAR.test(ch) ? 1 : 0;
}

/** True when a surrogate pair starts at `i`. */
function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * Leetspeak folded inside words (runs of letters, marks, digits, `@` and `$`) that hold both
 * a letter and a leet character; other words, such as plain numbers, stay as they are.
 * A hand-written loop: a regex with a callback per word cost more than the whole engine scan.
 */
function foldLeet(text: string): string {
  const out: string[] = [];
  let last = 0;
  // Jump from one leet character to the next; each word is examined once, only if it has one.
  LEET_G.lastIndex = 0;
  for (let m = LEET_G.exec(text); m !== null; m = LEET_G.exec(text)) {
    let start = m.index;
    while (start > last) {
      const width = start >= 2 && isPair(text, start - 2) ? 2 : 1;
      if (wordClass(text, start - width) === 0) break;
      start -= width;
    }
    let end = m.index;
    let letter = false;
    for (let i = start; i < end; i += isPair(text, i) ? 2 : 1) if (wordClass(text, i) === 2) letter = true;
    while (end < text.length) {
      const k = wordClass(text, end);
      if (k === 0) break;
      if (k === 2) letter = true;
      end += isPair(text, end) ? 2 : 1;
    }
    if (letter) {
      out.push(text.slice(last, start), text.slice(start, end).replace(/[013457@$]/g, (c) => LEET[c]!));
      last = end;
    }
    LEET_G.lastIndex = end;
  }
  if (last === 0) return text;
  out.push(text.slice(last));
  return out.join('');
}

/**
 * The fold view, built on the clean view: look-alike letters from other scripts become
 * Latin, spaced-out letters are joined, and leetspeak inside words becomes letters
 * (`1gn0r3` → `ignore`; `1` folds to `i`, so rules on this view write `[il]` where they
 * mean `l`). Case is kept: rules use the `i` flag.
 */
export function foldView(clean: TextView): TextView {
  const lookalike = clean.text.replace(CONFUSABLE, latinLookalike);
  const joined = joinSpacedLetters({ ...clean, text: lookalike });
  const text = foldLeet(joined.text);
  // A folded letter can now stand before a combining mark it composes with: normalize again.
  return { ...cleanView({ ...joined, text }), name: 'fold' };
}

function joinSpacedLetters(view: TextView): TextView {
  const text = view.text;
  SPACED.lastIndex = 0;
  if (!SPACED.test(text)) return view;
  SPACED.lastIndex = 0;
  const builder = new ViewBuilder(view);
  let last = 0;
  for (const m of text.matchAll(SPACED)) {
    const run = m[0];
    if (!LETTERS_2.test(run)) continue;
    const at = m.index;
    builder.copy(last, at);
    // Units are single code points at even positions of the run (unit, separator, unit…).
    let i = at;
    const end = at + run.length;
    while (i < end) {
      const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
      builder.copy(i, i + width);
      i += width;
      if (i < end) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    }
    last = end;
  }
  builder.copy(last, text.length);
  return builder.build(view.name);
}
