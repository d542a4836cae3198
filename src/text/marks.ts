import { charClass } from './chars.js';
import { type TextView, ViewBuilder } from './view.js';

/**
 * Combining diacritics that "glitch text" (Zalgo) generators stack on letters: the general,
 * extended and supplementary combining diacritical marks, those for symbols, and the half marks.
 */
const DIACRITIC_CLASS = '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';
const DIACRITIC = new RegExp(DIACRITIC_CLASS);
const DIACRITICS_G = new RegExp(`${DIACRITIC_CLASS}+`, 'g');

/**
 * Words with a diacritic left standing from which on a text reads as decorated throughout: its
 * generator also marked letters with a single diacritic that NFKC composes (`ṫhis`), so every
 * Latin letter of it loses its diacritics, not only those of words with one standing. Words, not
 * marks: one IPA transcription (`[ə̃ɔ̃ɛ̃œ̃]`) holds many.
 */
const DECORATED_WORDS = 3;

/** True when {@link DECORATED_WORDS} words of `text` or more hold a standing diacritic. */
function isDecorated(text: string): boolean {
  DECORATED_G.lastIndex = 0;
  let words = 0;
  for (let m = DECORATED_G.exec(text); m !== null; m = DECORATED_G.exec(text)) {
    if (++words >= DECORATED_WORDS) return true;
  }
  return false;
}
/** A standing diacritic, and the rest of its word. */
const DECORATED_G = new RegExp(`${DIACRITIC_CLASS}\\S*`, 'g');

/** A word needs this many letters for "every letter marked" to read as decoration rather than a language. */
const ALL_MARKED_MIN = 4;

/**
 * Diacritics dropped from the words that wear them as decoration, as a reader looks through them:
 * a word where a diacritic is left standing after NFKC (a mark no letter composes with, `i̶g̶n̶o̶r̶e̶`,
 * or a second and third stacked on one letter, `ì̖̗g̈́n̽o`), and a word of four letters or more
 * of which every letter wears one (`ḯḡṅṏṙḕ`); in a text with {@link DECORATED_WORDS} words or more with
 * one standing, every word. In those words every Latin letter loses its diacritics (`í̶` → `i`),
 * and letters of other alphabets the diacritics that stand apart (`й̶` → `й`). Other words keep
 * theirs: NFKC composes what a language writes (`é`, `ư`, `ệ`), and Vietnamese, French or Yoruba
 * words have unmarked letters. Built on the clean view (NFKC), so a diacritic still standing is one
 * that composed with nothing.
 *
 * One `pass` at a time: the fold view drops standing diacritics before it joins letters spaced
 * out, and reads every letter of a word only after (`ṙ é ṙ é` is a word of four once joined).
 * `ascii`: the text is pure ASCII, which has none.
 */
export function dropDecorativeMarks(view: TextView, pass: 'standing' | 'every-letter', ascii: boolean): TextView {
  const text = view.text;
  if (ascii || !(pass === 'standing' ? DIACRITIC : MAY_BE_MARKED).test(text)) return view;
  const decorated = pass === 'standing' && isDecorated(text);
  let builder: ViewBuilder | undefined;
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    // One word: a run of word characters (letters, digits, marks, leet characters).
    let cp = text.codePointAt(i)!;
    if (charClass(cp) === 0) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let standing = false;
    let letters = 0;
    let marked = 0;
    for (; i < n; i += cp > 0xffff ? 2 : 1) {
      cp = text.codePointAt(i)!;
      const k = charClass(cp);
      if (k === 0) break;
      if (cp >= 0x300 && DIACRITIC.test(String.fromCharCode(cp))) standing = true;
      else if (k === 2) {
        letters++;
        if (cp >= 0xc0 && wearsDiacritic(cp)) marked++;
      }
    }
    if (pass === 'standing' ? !standing && !(decorated && marked > 0) : letters < ALL_MARKED_MIN || marked < letters) continue;
    builder ??= new ViewBuilder(view);
    builder.copy(last, start);
    for (let j = start; j < i; ) {
      const c = text.codePointAt(j)!;
      const width = c > 0xffff ? 2 : 1;
      const bare = stripped(c);
      if (bare === String.fromCodePoint(c)) builder.copy(j, j + width);
      else builder.push(bare, j, j + width);
      j += width;
    }
    last = i;
  }
  if (builder === undefined) return view;
  builder.copy(last, n);
  return builder.build(view.name);
}

/**
 * `cp` without its diacritics when it is a Latin letter wearing them or a diacritic itself (`é` → `e`,
 * U+0336 → nothing); other letters stay whole, as their diacritics make letters of their own
 * alphabets (Cyrillic `й`, `ё`; Greek `ά`).
 */
function stripped(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (cp < 0xc0) return ch;
  const bare = ch.normalize('NFD').replace(DIACRITICS_G, '');
  return bare === '' || bare.charCodeAt(0) < 0x80 ? bare.normalize('NFC') : ch;
}

/** Two Latin letters with diacritics in a row: where a word of such letters may be. */
const MAY_BE_MARKED = /[\u00c0-\u024f\u1e00-\u1eff]{2}/;
const markedCache = new Map<number, boolean>();

/** True when the letter `cp` decomposes into a letter and diacritics (`é`, `ṙ`). */
function wearsDiacritic(cp: number): boolean {
  let marked = markedCache.get(cp);
  if (marked === undefined) {
    const nfd = String.fromCodePoint(cp).normalize('NFD');
    marked = nfd.length > 1 && DIACRITIC.test(nfd);
    if (markedCache.size < 4096) markedCache.set(cp, marked);
  }
  return marked;
}
