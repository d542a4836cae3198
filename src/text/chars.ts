/** Characters by the part they play in a word, as the text views read them. */

const LETTER = /^\p{L}$/u;

/** Classes of characters: 0 not in a word, 1 a digit or other number, 2 a letter, 3 a leet character, 4 a combining mark. */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = 2;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = 2;
for (const c of '013457@$') ASCII_CLASS[c.charCodeAt(0)] = 3;

/**
 * True when `text` is pure ASCII. A search for a character outside it, which stops at the first:
 * the native count of UTF-8 bytes (`Buffer.byteLength`) is faster on ASCII (2 KB: 0.2 against
 * 1.2 µs) but reads every character of other text, and took the views of non-ASCII prompts
 * longer. The fold view asks once a reading and spares the searches that only text outside
 * ASCII can satisfy.
 */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}
const NON_ASCII = /[^\x00-\x7f]/;

const MARK = /^\p{M}$/u;
const NUMBER = /^\p{N}$/u;
const classCache = new Map<number, number>();

/** The class of code point `cp` (as {@link ASCII_CLASS}); every class but 0 is part of a word. */
export function charClass(cp: number): number {
  if (cp < 0x80) return ASCII_CLASS[cp]!;
  let k = classCache.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = LETTER.test(ch) ? 2 : NUMBER.test(ch) ? 1 : MARK.test(ch) ? 4 : 0;
    if (classCache.size < 4096) classCache.set(cp, k);
  }
  return k;
}

/** True when a surrogate pair starts at `i`. */
function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Where the code point that ends at `at` starts (`at - 2` after a surrogate pair). */
export function startBefore(text: string, at: number): number {
  return at >= 2 && isPair(text, at - 2) ? at - 2 : at - 1;
}

/** White space that ends a token: ASCII controls and space, and the Unicode spaces. */
export function isSpace(c: number): boolean {
  return c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * True when `text[start, end)`, a run without white space, reads as data rather than text: longer
 * than 40 characters and in mixed case, with three capitals or more right after lower-case letters,
 * as base64 lines are (`aZ3kQ9x+Wm/T0pLr8…`). Words are written for a reader, between spaces; the
 * fold view leaves such runs as they are, or it would differ all through an encoded blob.
 */
export function readsAsData(text: string, start: number, end: number): boolean {
  if (end - start <= 40) return false;
  let humps = 0;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    const b = text.charCodeAt(i - 1);
    if (c >= 0x41 && c <= 0x5a && b >= 0x61 && b <= 0x7a && ++humps >= 3) return true;
  }
  return false;
}
