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
 * Words split in two by a space whose halves are both words (`for get`, `pass word`, `role play`,
 * `re fuse`), found like {@link REAL_WORDS} (and the two- and three-letter words of the same
 * text): read as written.
 */
const WORD_PAIRS = new Set(
  [
    'any thing', 'by pass', 'censor ship', 'comm and', 'constrain ts', 'devel oper', 'disc lose', 'every thing', 'for get',
    'for getting', 'guide line', 'guide lines', 'key logger', 'mode ration', 'open ai', 'over ride', 'pass word', 'pass words',
    'pre tend', 'program ming', 're fuse', 'ref use', 'restrict ed', 'role play', 'safe guards', 'sec rets', 'unlock ed',
    'warn ings', 'what ever', 'with out', 'al ways', 'fiction al', 'un bound', 'un filtered', 'un limited', 'un locked', 'un restricted',
  ],
);
/** The same words split in two by a space (`ign ore`, `pre vious`), halves of two letters or more, to the word. */
for (const word of ENGLISH_LEXICON) {
  if (word.length < 6) continue;
  for (let k = 2; k < word.length - 1; k++) {
    const pair = `${word.slice(0, k)} ${word.slice(k)}`;
    if (!WORD_PAIRS.has(pair)) TYPOS.set(pair, word);
  }
}

/**
 * Any key of {@link TYPOS} as a word: one search on RE2 of the text in lower case, which reads a text
 * with none (most of them) faster than a pass in JS would, and finds the few there are. Not `(?i)`,
 * whose automaton takes twice the memory (7.5 MB).
 */
const ANY_TYPO = new RE2(`\\b(?:${[...TYPOS.keys()].join('|')})\\b`, 'g');

/** `text` with its ASCII capitals in lower case, the same length (`toLowerCase` can change it: `İ`). */
function asciiLower(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * `view` with the typos of {@link TYPOS} corrected (`Ignroe all prevoius instrucions` →
 * `Ignore all previous instructions`, `ign ore` → `ignore`), keeping a capital first letter or a
 * word in capitals. Not beside another word character (not `filtr` of `filtrų`). `ascii`: the
 * text is pure ASCII.
 */
export function correctTypos(view: TextView, ascii: boolean): TextView {
  const text = view.text;
  const lower = asciiLower(text);
  // Searched as bytes: given a string, RE2 makes its own UTF-8 copy and maps offsets back, which
  // took longer than the search (2 KB of benign prompts: 8.7 µs against 7.4 with Buffer.from).
  // Pure ASCII is one byte a character; in other text a match (ASCII letters and spaces) starts
  // and ends between characters, and the bytes since the last one are decoded to count them.
  const bytes = Buffer.from(lower, ascii ? 'latin1' : 'utf8');
  let builder: ViewBuilder | undefined;
  let last = 0;
  // In other text: the byte and the character where the last match ended.
  let byteAt = 0;
  let charAt = 0;
  ANY_TYPO.lastIndex = 0;
  for (let m = ANY_TYPO.exec(bytes); m !== null; m = ANY_TYPO.exec(bytes)) {
    const key = m[0].toString('latin1');
    const index = ascii ? m.index : charAt + bytes.toString('utf8', byteAt, m.index).length;
    const end = index + key.length;
    byteAt = m.index + key.length;
    charAt = end;
    const word = TYPOS.get(key);
    if (word === undefined || (index > 0 && charClass(text.codePointAt(startBefore(text, index))!) !== 0) || (end < text.length && charClass(text.codePointAt(end)!) !== 0)) {
      continue;
    }
    builder ??= new ViewBuilder(view);
    builder.copy(last, index);
    const written = text.slice(index, end);
    const cased = written.toUpperCase() === written ? word.toUpperCase() : written.charCodeAt(0) < 0x61 ? word[0]!.toUpperCase() + word.slice(1) : word;
    builder.push(cased, index, end);
    last = end;
  }
  if (builder === undefined) return view;
  builder.copy(last, text.length);
  return builder.build(view.name);
}
