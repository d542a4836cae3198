import RE2 from 're2';
import { charClass, startBefore } from './chars.js';
import { ENGLISH_LEXICON, LEXICON } from './lexicon.js';
import { type TextView, ViewBuilder } from './view.js';

/**
 * Misspellings that are words in their own right, found by checking every variant of the
 * lexicon against the 110,000 words of the documentation on a Debian machine: read as written.
 */
const REAL_WORDS = new Set(['constrains', 'poisson', 'reuse']);

/**
 * The misspellings of the lexicon's English words of six letters or more that the fold view
 * corrects, to the word: two letters swapped but the first and the last two (`ignroe`, `sytsem`),
 * a consonant, `i` or `y` doubled (`iggnore`, `prommpt`; Dutch writes `systeem`), a letter dropped but the first and the last (`promt`,
 * `overide`). Not a letter changed (`forgot` is no typo of `forget`), one added or dropped at the
 * end (`ignored`, `secrets`: other forms of a word), nor the last two swapped (`filtre`, `centre`:
 * the spelling of other languages and of British English). Only English words are corrected, as
 * a misspelling of one language's word is often a word of another (`ignorer`, French, is a typo of
 * `ignoreer`, Dutch).
 */
const TYPOS = new Map<string, string>();
for (const word of ENGLISH_LEXICON) {
  if (word.length < 6) continue;
  const variants: string[] = [];
  for (let k = 1; k < word.length - 1; k++) {
    if (k < word.length - 2 && word[k] !== word[k + 1]) variants.push(word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2));
    variants.push(word.slice(0, k) + word.slice(k + 1));
  }
  for (let k = 0; k < word.length; k++) if (!'aeou'.includes(word[k]!)) variants.push(word.slice(0, k + 1) + word.slice(k));
  for (const v of variants) if (v !== word && !LEXICON.has(v) && !REAL_WORDS.has(v)) TYPOS.set(v, word);
}

/**
 * Any key of {@link TYPOS} as a word, in any case: one search on RE2, which reads a text with no
 * typo (most of them) faster than a pass in JS would.
 */
const ANY_TYPO = new RE2(`(?i)\\b(?:${[...TYPOS.keys()].join('|')})\\b`);
/** Runs of ASCII letters as long as a typo of the lexicon can be. */
const WORD = /[A-Za-z]{5,15}/g;

/**
 * `view` with the typos of {@link TYPOS} corrected (`Ignroe all prevoius instrucions` →
 * `Ignore all previous instructions`), keeping a capital first letter or a word in capitals. A
 * word is a run of ASCII letters with no other word character beside it (not `filtr` of `filtrų`).
 */
export function correctTypos(view: TextView): TextView {
  const text = view.text;
  if (!ANY_TYPO.test(text)) return view;
  let builder: ViewBuilder | undefined;
  let last = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const end = m.index + m[0].length;
    const word = TYPOS.get(m[0].toLowerCase());
    if (word === undefined || (m.index > 0 && charClass(text.codePointAt(startBefore(text, m.index))!) !== 0) || (end < text.length && charClass(text.codePointAt(end)!) !== 0)) {
      continue;
    }
    builder ??= new ViewBuilder(view);
    builder.copy(last, m.index);
    const written = m[0];
    const cased = written.toUpperCase() === written ? word.toUpperCase() : written.charCodeAt(0) < 0x61 ? word[0]!.toUpperCase() + word.slice(1) : word;
    builder.push(cased, m.index, end);
    last = end;
  }
  if (builder === undefined) return view;
  builder.copy(last, text.length);
  return builder.build(view.name);
}
