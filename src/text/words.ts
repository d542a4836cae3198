import { charClass, isSpace, readsAsData, startBefore } from './chars.js';
import { type TextView, ViewBuilder } from './view.js';

/**
 * Words a writer ran together or set apart so that a filter reading phrases sees none, read
 * back as words between single spaces:
 * - three words or more, two of them of two letters or more, joined by one of `-`, `_`, `+`
 *   (`ignore-all-previous-instructions`, `FORGET_YOUR_RULES`), in a token that is not a link, a path,
 *   a key, an address, a file name or data (see {@link joined});
 * - pictographs and other symbols between words (`ignore 👏 all`, `ignore🔥all`, `ignore ★ all`): the
 *   symbols and the white space around them become one space;
 * - one word a line for three lines or more (`ignore\nall\nprevious`): the line breaks become spaces.
 * A word here is a run of letters, marks, digits, `@` and `$` holding a letter.
 */
export function joinSeparatedWords(view: TextView): TextView {
  const text = view.text;
  const ranges: number[] = [];
  joined(text, ranges);
  if (MAY_PICTOGRAPH.test(text)) pictographs(text, ranges);
  if (MAY_LINES.test(text)) wordLines(text, ranges);
  if (ranges.length === 0) return view;
  const order = [...Array(ranges.length / 2).keys()].sort((a, b) => ranges[2 * a]! - ranges[2 * b]!);
  const builder = new ViewBuilder(view);
  let last = 0;
  for (const r of order) {
    const from = ranges[2 * r]!;
    const to = ranges[2 * r + 1]!;
    if (from < last) continue; // inside a range already replaced
    builder.copy(last, from);
    builder.push(' ', from, to);
    last = to;
  }
  builder.copy(last, text.length);
  return builder.build(view.name);
}

const WORD = '[\\p{L}\\p{M}\\p{N}@$]';
/** Pictographs and other symbols (`★`, `✓`, `♪`, `☞`): what a writer may set between words. */
const PICTOGRAPH = '[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\p{So}]';
/**
 * Three runs joined by two separators or runs of them (`a-b-c`, `a--b--c`): where a token of joined
 * words may be. Plain classes without the `u` flag, which V8 searches fast; {@link TOKEN} reads only
 * the tokens around.
 */
const CANDIDATE = /[^\s\-_+][-_+]+[^\s\-_+]+[-_+]+[^\s\-_+]/g;
/**
 * A token of joined words: white space, an opening bracket or quotation mark, the end of a markup
 * tag, a pictograph or the start before it; runs of word characters, separators and apostrophes
 * inside words (`we're`); and white space, closing punctuation, a tag, a pictograph or the end after.
 */
const TOKEN = new RegExp(`(?<=^|[\\s([{<>"'«“‘]|${PICTOGRAPH})(?:${WORD}|[-_.+]|['’](?=\\p{L}))+(?=$|[\\s)\\]}<"'»”’,;:!?]|${PICTOGRAPH})`, 'gu');
const LETTER = /\p{L}/u;
const JOINER = /[-_+]/;

/**
 * False for a run without white space that holds no letter (`1234-5678-9012`) or reads as data as
 * a whole (a base64 line): read before the token search, which it spares most of such text.
 */
function mayHoldWords(text: string, start: number, end: number): boolean {
  if (readsAsData(text, start, end)) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  }
  return false;
}

/** Words a token of joined words needs: two are a compound (`well-known`) or an identifier (`system_prompt`). */
const MIN_PARTS = 3;

/**
 * Adds to `ranges` the separators (a run of one of `-`, `_`, `+`: `ignore--all--previous`) of tokens
 * of three words or more so joined, and by nothing else: not `a-b.md` (a file name), `ai.model.id`
 * (a key), `ab_cd-ef` (an identifier). Not in links, paths and calls (a token breaks at `/`, `\`,
 * `:`, `=`, `(` and the like, and only one that white space, a bracket, a quotation mark, a tag or a
 * pictograph closes counts), nor in e-mail addresses or data. A token's closing dots are a
 * sentence's end.
 */
function joined(text: string, ranges: number[]): void {
  CANDIDATE.lastIndex = 0;
  for (let c = CANDIDATE.exec(text); c !== null; c = CANDIDATE.exec(text)) {
    // The run without white space around the candidate, read on its own.
    let start = c.index;
    while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = c.index + c[0].length;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    CANDIDATE.lastIndex = end;
    if (!mayHoldWords(text, start, end)) continue;
    const chunk = text.slice(start, end);
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(chunk); m !== null; m = TOKEN.exec(chunk)) {
      const token = m[0].replace(/\.+$/, '');
      const sep = JOINER.exec(token)?.[0];
      if (sep === undefined || token.includes('.') || /@[\p{L}\p{N}]/u.test(token) || readsAsData(token, 0, token.length)) continue;
      const runs = token.split(sep === '-' ? /(-+)/ : sep === '_' ? /(_+)/ : /(\++)/);
      // Words at even indices, the runs of the separator between them at odd ones.
      const parts = runs.filter((_, k) => k % 2 === 0);
      if (parts.length < MIN_PARTS) continue;
      if (!parts.every((p) => LETTER.test(p) && !JOINER.test(p))) continue;
      // Letters spaced out (`I-g-n-o-r-e`) are the fold view's to join, words apart where it says.
      if (parts.filter((p) => p.length >= 2).length < 2) continue;
      let at = start + m.index;
      for (let k = 0; k < runs.length - 1; k++) {
        if (k % 2 === 1) ranges.push(at, at + runs[k]!.length);
        at += runs[k]!.length;
      }
    }
  }
}

/**
 * Characters among which the pictographs and most symbols are (the Latin-1 `¦ © ® °`, letterlike
 * symbols to dingbats U+2100–U+2BFF, the CJK radicals and symbols, the high surrogates of the
 * musical and emoji planes): a plain class that spares most text the search for them. Symbols of
 * other blocks are not looked for.
 */
const MAY_PICTOGRAPH = /[\u00a6\u00a9\u00ae\u00b0\u2100-\u2bff\u2e80-\u2fff\u3004-\u33ff\ud834\ud83c-\ud83f]/;
const PICTOGRAPHS = new RegExp(`${PICTOGRAPH}+`, 'gu');
const PICTOGRAPHS_AT = new RegExp(`${PICTOGRAPH}+`, 'yu');

/** Adds to `ranges` the runs of pictographs (with the white space around them) standing between words. */
function pictographs(text: string, ranges: number[]): void {
  const n = text.length;
  PICTOGRAPHS.lastIndex = 0;
  for (let m = PICTOGRAPHS.exec(text); m !== null; m = PICTOGRAPHS.exec(text)) {
    let start = m.index;
    while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
    let end = m.index + m[0].length;
    // More pictographs after white space belong to the same run.
    for (;;) {
      let k = end;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      PICTOGRAPHS_AT.lastIndex = k;
      const more = PICTOGRAPHS_AT.exec(text);
      end = more === null ? k : k + more[0].length;
      if (more === null) break;
    }
    PICTOGRAPHS.lastIndex = end;
    if (start > 0 && end < n && charClass(text.codePointAt(startBefore(text, start))!) !== 0 && charClass(text.codePointAt(end)!) !== 0) {
      ranges.push(start, end);
    }
  }
}

/**
 * Two lines of one short token each, starting with a letter and without digits or `+/=`: where a
 * run of one-word lines may be. Plain classes without the `u` flag; lines of data fail it.
 */
const MAY_LINES = /\n[^\S\n]*[A-Za-z\u00c0-\uffff][^\s\d+/=]{0,39}[^\S\n]*\r?\n[^\S\n]*[A-Za-z\u00c0-\uffff][^\s\d+/=]{0,39}[^\S\n]*(?:\r?\n|$)/;
/** Lines in a row needed before their line breaks read as spaces. */
const MIN_LINES = 3;

/**
 * A line of one word: letters (with marks, apostrophes and hyphens inside), closing punctuation at
 * most. Not a line of data (hex, base64, a key), which holds digits or symbols.
 */
const WORD_LINE = /^\p{L}[\p{L}\p{M}'’-]*[.,;:!?]?$/u;
/** Longer lines are no word. */
const LONGEST_WORD = 40;

/**
 * Adds to `ranges` the line breaks (with a `\r` before one) between lines of one word, in runs of
 * {@link MIN_LINES} or more.
 */
function wordLines(text: string, ranges: number[]): void {
  const breaks: number[] = [];
  let lines = 0;
  const flush = (): void => {
    if (lines >= MIN_LINES) for (let k = 0; k < lines - 1; k++) ranges.push(breaks[2 * k]!, breaks[2 * k + 1]!);
    breaks.length = 0;
    lines = 0;
  };
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length <= LONGEST_WORD && WORD_LINE.test(line)) {
      lines++;
      if (end < text.length) {
        const from = text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
        breaks.push(from, end + 1);
      }
    } else flush();
    if (end === text.length) break;
    start = end + 1;
  }
  flush();
}
