import { ASCII_CLASS, charClass, isAscii, isSpace, readsAsData, startBefore } from './chars.js';
import { dropMarkup, EMPHASIS, MARKUP, unicodeClean } from './clean.js';
import { CONFUSABLE, LOOKALIKE_CODE } from './confusables.js';
import { dropDecorativeMarks } from './marks.js';
import { dropCommentsInWords, dropInlineTags, joinSplitWords } from './split.js';
import { correctTypos } from './typos.js';
import { type TextView, ViewBuilder } from './view.js';
import { joinSeparatedWords, splitCamelCase } from './words.js';

/** Characters that stand for letters in leetspeak. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

const LEET_G = /[013457@$]/g;
/** {@link LEET} by character code: the code of the letter, or 0. */
const LEET_CODE = new Uint16Array(128);
for (const [from, to] of Object.entries(LEET)) LEET_CODE[from.charCodeAt(0)] = to.charCodeAt(0);
/** {@link LEET_CODE} with capital letters, for words written in capitals. */
const LEET_UPPER = LEET_CODE.map((c) => (c === 0 ? 0 : c - 0x20));

/**
 * Leetspeak folded inside words (runs of letters, marks, digits, `@` and `$`) that hold both
 * a letter and a leet character; other words stay as they are: plain numbers, the word of an
 * e-mail address that holds its `@`, words longer than {@link LONGEST_LEET_WORD}, and
 * words of tokens that read as data, such as base64 ({@link readsAsData}).
 * Only the words around leet characters are read: a native search finds those characters, and
 * most text has few of them (a walk over every character cost more than the engine's scan).
 */
function foldLeet(text: string): string {
  LEET_G.lastIndex = 0;
  let m = LEET_G.exec(text);
  if (m === null) return text;
  const out = new Overwritten(text);
  const tokens = new DataTokens(text);
  for (; m !== null; m = LEET_G.exec(text)) {
    const dataEnd = tokens.dataEnd(m.index);
    if (dataEnd !== -1) {
      // Nothing in a token that reads as data folds.
      LEET_G.lastIndex = dataEnd;
      continue;
    }
    const { start, end, letter } = wordAround(text, m.index);
    LEET_G.lastIndex = end;
    if (!letter || end - start > LONGEST_LEET_WORD || isEmailLocal(text, start, end)) continue;
    const units = out.units();
    const to = capitalsOnly(units, start, end) ? LEET_UPPER : LEET_CODE;
    for (let j = start; j < end; j++) {
      const c = to[units[j]!];
      if (c !== undefined && c !== 0) units[j] = c;
    }
  }
  return out.text();
}

/**
 * The tokens (runs without white space) of a text that read as data ({@link readsAsData}), asked
 * about at positions in increasing order, so that each token is measured once.
 */
class DataTokens {
  private end = -1;
  private data = false;
  constructor(private readonly text: string) {}

  /** The end of the token around `at` when it reads as data, else -1. */
  dataEnd(at: number): number {
    if (at >= this.end) {
      const text = this.text;
      let start = at;
      while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
      this.end = end;
      this.data = readsAsData(text, start, end);
    }
    return this.data ? this.end : -1;
  }
}

/** The word (see {@link foldLeet}) around the word character at `at`, and whether it holds a letter. */
function wordAround(text: string, at: number): { start: number; end: number; letter: boolean } {
  let letter = false;
  let start = at;
  while (start > 0) {
    const before = startBefore(text, start);
    const k = charClass(text.codePointAt(before)!);
    if (k === 0) break;
    if (k === 2) letter = true;
    start = before;
  }
  let end = at;
  while (end < text.length) {
    const cp = text.codePointAt(end)!;
    const k = charClass(cp);
    if (k === 0) break;
    if (k === 2) letter = true;
    end += cp > 0xffff ? 2 : 1;
  }
  return { start, end, letter };
}

/** A text as UTF-16 code units to write over in place (folding keeps lengths), copied at the first write. */
class Overwritten {
  private buf: Buffer | null = null;
  private codes: Uint16Array | null = null;
  constructor(private readonly original: string) {}

  units(): Uint16Array {
    if (this.codes === null) {
      const n = this.original.length;
      this.buf = Buffer.allocUnsafeSlow(2 * n);
      this.buf.write(this.original, 'utf16le');
      this.codes = new Uint16Array(this.buf.buffer, this.buf.byteOffset, n);
    }
    return this.codes;
  }

  /** The text as written over, or the original when nothing was. */
  text(): string {
    return this.buf === null ? this.original : this.buf.toString('utf16le');
  }
}

/**
 * True when the ASCII letters of `units[start, end)` are all capitals: its leet characters then
 * fold to capitals too (`5TOP` reads `STOP`, for rules that look for shouting).
 */
function capitalsOnly(units: Uint16Array, start: number, end: number): boolean {
  let capitals = false;
  for (let j = start; j < end; j++) {
    const c = units[j]!;
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) capitals = true;
  }
  return capitals;
}

/**
 * True when the word `[start, end)` holds an `@` and a dotted domain goes on after it
 * (`jane@example.com`): an e-mail address, whose `@` and digits are not leetspeak. Any word
 * character after the dot counts, not only ASCII ones: folding turns `1́` into `í`, and the
 * answer must not change when the fold view is folded again.
 */
function isEmailLocal(text: string, start: number, end: number): boolean {
  if (text[end] !== '.' || end + 1 >= text.length || charClass(text.codePointAt(end + 1)!) === 0) return false;
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === 0x40) return true;
  return false;
}

/** Words longer than this are data (keys, hashes, encoded blobs), not leetspeak. */
const LONGEST_LEET_WORD = 40;

/**
 * The fold view, built on the clean view: diacritics worn as decoration are dropped
 * ({@link dropDecorativeMarks}), look-alike letters from other scripts become Latin, spaced-out
 * letters are joined, words set apart by joiners, pictographs or line breaks, or a text run together
 * in camel case, are read as words ({@link joinSeparatedWords}, {@link splitCamelCase}), words split inside are joined
 * ({@link dropCommentsInWords}, {@link joinSplitWords}), leetspeak inside words becomes letters (`1gn0r3` → `ignore`; `1`
 * folds to `i`, so rules on this view write `[il]` where they mean `l`), typos of the words
 * attacks are made of corrected ({@link correctTypos}), and underscores around
 * words are dropped (as the clean view drops `*` and `~`). Case is kept: rules use the `i` flag.
 */
export function foldView(clean: TextView): TextView {
  let view = foldOnce(clean);
  // What one reading undoes can bare another disguise (a typo corrected joins a token of words, a
  // camel-case name is split once a leet digit is a letter): read again while that changes the
  // text, up to {@link MOST_PASSES} readings in all, so that the fold view of the fold view is itself.
  for (let pass = 1, before = clean.text; pass < MOST_PASSES && view.text !== before; pass++) {
    before = view.text;
    view = foldOnce(view);
  }
  return { ...view, name: 'fold' };
}

/** Readings of a text by {@link foldOnce}, at most. */
const MOST_PASSES = 3;

/** One reading of the fold view (see {@link foldView}). */
function foldOnce(clean: TextView): TextView {
  // Pure ASCII stays so through every step: asked once, it spares the searches for what only text
  // outside ASCII holds.
  const ascii = isAscii(clean.text);
  // Diacritics stacked as decoration go first (a look-alike table would read `ǫ͡` as `q`); dropped,
  // they can bare emphasis beside a word, as the clean view of the result would see it.
  const unmarked = dropDecorativeMarks(clean, 'standing', ascii);
  const bare = unmarked === clean ? clean : dropMarkup(unmarked, EMPHASIS);
  // Inline tags, comments inside words and underscores around them go before camel case is split (`ab_CdEf`),
  // which goes before look-alikes are folded, which read a word whole (`приветВсе`).
  const uncommented = splitCamelCase(dropMarkup(dropCommentsInWords(dropInlineTags(bare)), MARKUP));
  const lookalike = foldLookalikes(uncommented.text);
  // A folded letter can now stand before a combining mark it composes with (`е́` → `é`):
  // compose before joining spaced letters, which are single characters, or a second pass
  // would join what the first left apart.
  const composed = lookalike === uncommented.text ? uncommented : unicodeClean({ ...uncommented, text: lookalike });
  // Words set apart come before letters spaced out (`i👏g👏n` spaces them out), and after them and
  // leet too (`x-y-z_ab_cd` joins words only once `x-y-z` is one; `ab-ab@ab-cd` once `@` is `a`).
  const separated = readWords(composed, ascii);
  const spaced = joinSpacedLetters(separated);
  const joined = dropDecorativeMarks(spaced, 'every-letter', ascii);
  const leet = foldLeet(joined.text);
  const rejoined = spaced === separated && leet === joined.text ? { ...joined, text: leet } : readWords({ ...joined, text: leet }, ascii);
  // Typos last, once letters are letters (`i g n r o e`, `1gnroe`). Leet can compose with a mark
  // (`4́` → `á`): normalize again.
  return unicodeClean(correctTypos(rejoined, ascii), ascii);
}

/** Words split inside joined (`ig-nore`), then words set apart read as words; `ascii`: the text is pure ASCII. */
function readWords(view: TextView, ascii: boolean): TextView {
  return joinSeparatedWords(joinSplitWords(view), ascii);
}

/**
 * Look-alike letters of other scripts folded to Latin in the words a reader takes for Latin:
 * words that hold a Latin letter (`іgnоrе`, Cyrillic і, о, е; `сủа`), or whose letters all have a
 * Latin look-alike (`ассеѕѕ`). A word with letters of its own script (`пароль`, `λέξη`) stays
 * as it is: folded, it would read as no language, and Russian or Greek text would differ from
 * the clean view in every word, so every rule would search it twice. Folding keeps lengths.
 */
function foldLookalikes(text: string): string {
  CONFUSABLE.lastIndex = 0;
  if (!CONFUSABLE.test(text)) return text;
  const out = new Overwritten(text);
  const n = text.length;
  let start = 0;
  let latin = false;
  let own = false;
  let lookalike = false;
  for (let i = 0; i <= n; ) {
    const cp = i < n ? text.codePointAt(i)! : 0x20;
    const width = cp > 0xffff ? 2 : 1;
    const k = charClass(cp);
    if (k !== 0) {
      // Words are the runs foldLeet reads: a leet character there reads as a Latin letter.
      if (k === 3 || (k === 2 && cp < 0x80)) latin = true;
      else if (width === 1 && LOOKALIKE_CODE[cp] !== 0) lookalike = true;
      else if (k === 2) {
        if (isLatin(cp)) latin = true;
        else own = true;
      }
      i += width;
      continue;
    }
    if (lookalike && (latin || !own)) {
      const units = out.units();
      for (let j = start; j < i; j++) {
        const to = LOOKALIKE_CODE[units[j]!]!;
        if (to !== 0) units[j] = to;
      }
    }
    i += width;
    start = i;
    latin = own = lookalike = false;
  }
  return out.text();
}

const LATIN = /^\p{Script=Latin}$/u;
const latinCache = new Map<number, boolean>();

/** True when the letter `cp` is of the Latin script (`é`, `ư`, `ß`). */
function isLatin(cp: number): boolean {
  let latin = latinCache.get(cp);
  if (latin === undefined) {
    latin = LATIN.test(String.fromCodePoint(cp));
    if (latinCache.size < 4096) latinCache.set(cp, latin);
  }
  return latin;
}

/** Characters that may stand between spaced-out letters: these ASCII ones, `·` and `•`. */
const SEPARATORS = ' .-_*|/+~\u00b7\u2022';
const ASCII_SEPARATOR = new Uint8Array(128);
for (const c of SEPARATORS) if (c < '\x80') ASCII_SEPARATOR[c.charCodeAt(0)] = 1;
/**
 * A separator, a unit (an ASCII letter, a leet character, or any character outside ASCII), a
 * separator: every run of spaced-out units holds this, around its second unit. A native search
 * for it spares most text the walk over every character in {@link spacedRuns} (2 KB of prose:
 * about 4 µs against 9 µs).
 */
const SEPARATOR_CLASS = `[${SEPARATORS.replace(/[-\\\]^]/g, '\\$&')}]`;
const MAY_SPACE = new RegExp(`${SEPARATOR_CLASS}(?:[A-Za-z013457@$\\u0080-\\ud7ff\\ue000-\\uffff]|[\\ud800-\\udbff][\\udc00-\\udfff])${SEPARATOR_CLASS}`);
/** {@link spacedClass} of each ASCII character. */
const ASCII_SPACED = Uint8Array.from(ASCII_CLASS, spacedOf);

/** The class of a spaced-out run's character from its {@link charClass}: see {@link spacedClass}. */
function spacedOf(k: number): number {
  return k === 2 || k === 3 ? 2 : k === 0 ? 0 : 1;
}

/**
 * 2 for a letter, a leet digit, `@` or `$` (a unit of a spaced-out run); 1 for another digit or
 * number, or a combining mark (it belongs to the letter before it: a unit after it is inside a
 * word, and it stays so once leet in that word is folded); else 0.
 */
function spacedClass(cp: number): number {
  return cp < 0x80 ? ASCII_SPACED[cp]! : spacedOf(charClass(cp));
}

/**
 * Runs of at least three single units (letters, leet digits, `@`, `$`) each followed by
 * exactly one separator (`i g n o r e`, `i.g.n.o.r.e`), not touching another letter or
 * digit, holding at least two letters, and not inside a token that reads as data
 * ({@link readsAsData}): `[start, end)` pairs. A hand-written walk: the equivalent Unicode
 * regex cost more than every other step of the fold view together.
 */
function spacedRuns(text: string): number[] {
  const runs: number[] = [];
  if (!MAY_SPACE.test(text)) return runs;
  const n = text.length;
  const tokens = new DataTokens(text);
  // Look at each separator: a run starts at the unit before it, when no word character
  // stands before that unit.
  for (let sep = 1; sep < n; sep++) {
    if (!isSeparator(text.charCodeAt(sep))) continue;
    // Most separators end a word of several letters: no run starts there.
    const twoBack = sep >= 2 ? text.charCodeAt(sep - 2) : 0x20;
    if (twoBack < 0x80 && ASCII_CLASS[twoBack] !== 0) continue;
    const i = startBefore(text, sep);
    if (spacedClass(text.codePointAt(i)!) !== 2) continue;
    if (i > 0 && spacedClass(text.codePointAt(startBefore(text, i))!) !== 0) continue;
    const ends = [sep]; // end of each unit of the run
    let j = sep;
    while (j + 1 < n && isSeparator(text.charCodeAt(j))) {
      const next = text.codePointAt(j + 1)!;
      if (spacedClass(next) !== 2) break;
      j += 1 + (next > 0xffff ? 2 : 1);
      ends.push(j);
    }
    // The last unit must not run on into a word: give up units until one does not.
    let units = ends.length;
    while (units >= 3 && ends[units - 1]! < n && spacedClass(text.codePointAt(ends[units - 1]!)!) !== 0) units--;
    if (units < 3) continue;
    const end = ends[units - 1]!;
    // Separators inside a token that reads as data (`aZ+k/Q9+x` in base64) space out no word,
    // as leet there is no word (see foldLeet).
    const inData = tokens.dataEnd(i) >= end;
    if (!inData && countLetters(text, i, end) >= 2) runs.push(i, end);
    // The next run cannot start inside this one: its units all have a unit before them.
    sep = end;
  }
  return runs;
}

/** A character that may stand between spaced-out letters. */
function isSeparator(c: number): boolean {
  return c < 0x80 ? ASCII_SEPARATOR[c] === 1 : c === 0xb7 || c === 0x2022;
}

/** True for a letter (not a leet digit, `@` or `$`). */
function isLetter(cp: number): boolean {
  return charClass(cp) === 2;
}

/** Letters among the units of a run `[start, end)`. */
function countLetters(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    if (isLetter(cp)) n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

function joinSpacedLetters(view: TextView): TextView {
  const text = view.text;
  const runs = spacedRuns(text);
  if (runs.length === 0) return view;
  const builder = new ViewBuilder(view);
  let last = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const at = runs[r]!;
    const end = runs[r + 1]!;
    builder.copy(last, at);
    // Units are single code points at even positions of the run (unit, separator, unit…).
    const units: number[] = [];
    for (let i = at; i < end; ) {
      units.push(i);
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      if (i < end) i++; // a separator is one UTF-16 unit
    }
    // The separator after unit `u` (-1 after the last).
    const sepAfter = (u: number): number => (u + 1 < units.length ? text.charCodeAt(units[u + 1]! - 1) : -1);
    // Words spelled out with another separator (`I-g-n-o-r-e y-o-u-r`): a space parts them when
    // the separators on both its sides are not spaces.
    const partsWords = (u: number): boolean =>
      sepAfter(u) === 0x20 && u > 0 && sepAfter(u - 1) !== 0x20 && (u + 2 >= units.length || sepAfter(u + 1) !== 0x20);
    for (let u = 0; u < units.length; u++) {
      const i = units[u]!;
      const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
      builder.copy(i, i + width + (partsWords(u) ? 1 : 0));
    }
    last = end;
  }
  builder.copy(last, text.length);
  return builder.build(view.name);
}
