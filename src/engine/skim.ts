/**
 * Data blocks in a text: a run of 64 or more characters of the base64, base64url and hex alphabets
 * (no word is that long) holding a letter and a digit or `+/=`, and the lines of 16 or more such
 * characters that follow it one per line, as in an encoded attachment or a PEM block.
 */
const DATA_BLOCK = /[A-Za-z0-9+/=_-]{64,}(?:\r?\n[A-Za-z0-9+/=_-]{16,}(?=\r?\n|$))*/g;
const LETTER = /[A-Za-z]/;
const DIGIT_OR_SIGN = /[0-9+/=]/;

/** Characters of a data block kept at each of its ends, where a phrase may run into it ("decode this: SGVs…"). */
export const SKIM_KEEP = 16;

/**
 * `text` with the middle of each data block left out, keeping {@link SKIM_KEEP} characters at each
 * end; `text` itself when it has none. The Sets of rules that read phrases pass over this, not
 * over the text: a megabyte of base64 costs each of their automata a pass of its own where no
 * phrase can be, and the decoders read encoded payloads on their own. A rule whose Set matches
 * still runs on the whole view, so spans and findings are the view's.
 */
export function skimData(text: string): string {
  if (text.length < 64) return text;
  DATA_BLOCK.lastIndex = 0;
  let out: string[] | undefined;
  let from = 0;
  for (let m = DATA_BLOCK.exec(text); m !== null; m = DATA_BLOCK.exec(text)) {
    const block = m[0];
    if (!LETTER.test(block) || !DIGIT_OR_SIGN.test(block)) continue;
    (out ??= []).push(text.slice(from, m.index + SKIM_KEEP));
    from = m.index + block.length - SKIM_KEEP;
  }
  if (out === undefined) return text;
  out.push(text.slice(from));
  return out.join('');
}
