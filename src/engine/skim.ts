/**
 * Data blocks in a text: a run of {@link MIN_RUN} or more characters of the base64, base64url and
 * hex alphabets (no word is that long) holding a letter and a digit or `+/=`, and the lines of
 * {@link MIN_LINE} or more such characters that follow it one per line, as in an encoded
 * attachment or a PEM block.
 */
const MIN_RUN = 64;
const MIN_LINE = 16;

/** Characters kept of a data block at each of its ends, where a phrase may run into it ("decode this: SGVs…"). */
export const SKIM_KEEP = 16;

/** 1 for a character of a data block, by code (ASCII only): `A-Z a-z 0-9 + / = _ -`. */
const DATA = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') DATA[c.charCodeAt(0)] = 1;

function isData(c: number): boolean {
  return c < 128 && DATA[c] === 1;
}

/** The length of the line break at `i` (`\n` or `\r\n`), or 0. */
function lineBreak(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c === 0x0a ? 1 : c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 0;
}

/**
 * `text` with the middle of each data block left out, keeping {@link SKIM_KEEP} characters at each
 * end; `text` itself when it has none. The Sets of rules that read phrases pass over this, not
 * over the text: a megabyte of base64 costs each of their automata a pass of its own where no
 * phrase can be, and the decoders read encoded payloads on their own. A rule whose Set matches
 * still runs on the whole view, so spans and findings are the view's.
 *
 * Any run of {@link MIN_RUN} characters holds exactly one index that is a multiple of it, so only
 * those characters are looked at first, and a run measured only around one that belongs to it:
 * prose costs a few steps per {@link MIN_RUN} characters.
 */
export function skimData(text: string): string {
  const n = text.length;
  let out: string[] | undefined;
  let from = 0;
  let j = MIN_RUN - 1;
  while (j < n) {
    if (!isData(text.charCodeAt(j))) {
      j += MIN_RUN;
      continue;
    }
    let start = j;
    while (start > 0 && isData(text.charCodeAt(start - 1))) start--;
    let end = j + 1;
    while (end < n && isData(text.charCodeAt(end))) end++;
    if (end - start >= MIN_RUN) {
      // The lines that follow, each whole and long enough.
      for (let br = lineBreak(text, end); br > 0; br = lineBreak(text, end)) {
        let lineEnd = end + br;
        while (lineEnd < n && isData(text.charCodeAt(lineEnd))) lineEnd++;
        if (lineEnd - (end + br) < MIN_LINE || (lineEnd < n && lineBreak(text, lineEnd) === 0)) break;
        end = lineEnd;
      }
      if (mixed(text, start, end)) {
        (out ??= []).push(text.slice(from, start + SKIM_KEEP));
        from = end - SKIM_KEEP;
      }
    }
    // A later run begins past `end`, so it holds an index `end + MIN_RUN × k` for some k ≥ 1.
    j = end + MIN_RUN;
  }
  if (out === undefined) return text;
  out.push(text.slice(from));
  return out.join('');
}

/** True when `text[start, end)` holds a letter and a digit or one of `+/=`. */
function mixed(text: string, start: number, end: number): boolean {
  let letter = false;
  let other = false;
  for (let i = start; i < end && !(letter && other); i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) letter = true;
    else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d) other = true;
  }
  return letter && other;
}
