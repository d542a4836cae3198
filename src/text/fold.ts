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
const WORD = /[\p{L}\p{M}\p{N}@$]+/gu;
const LETTER = /\p{L}/u;
const LEET_CHAR = /[013457@$]/;
const LETTERS_2 = /\p{L}.*\p{L}/u;

/**
 * The fold view, built on the clean view: look-alike letters from other scripts become
 * Latin, spaced-out letters are joined, and leetspeak inside words becomes letters
 * (`1gn0r3` → `ignore`; `1` folds to `i`, so rules on this view write `[il]` where they
 * mean `l`). Case is kept: rules use the `i` flag.
 */
export function foldView(clean: TextView): TextView {
  const lookalike = clean.text.replace(CONFUSABLE, latinLookalike);
  const joined = joinSpacedLetters({ ...clean, text: lookalike });
  const text = joined.text.replace(WORD, (word) =>
    LETTER.test(word) && LEET_CHAR.test(word) ? word.replace(/[013457@$]/g, (c) => LEET[c]!) : word,
  );
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
