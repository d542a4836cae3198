import fc from 'fast-check';

/** What stands between the words: pictographs, joiners, or a line break. */
const SEPARATORS = [' 👏 ', '🔥', '-', '_', '+', '\n'] as const;

/**
 * Text whose words are set apart by something other than a space, so that a filter reading
 * phrases sees none: pictographs (`ignore 👏 all 👏 previous`), `-`, `_` or `+` (`ignore-all-previous`),
 * or one word a line. Runs of words between punctuation are joined, each with one separator.
 *
 * @example
 * fc.sample(separatedWords('ignore all previous instructions'), 1)[0]; // 'ignore_all_previous_instructions'
 */
export function separatedWords(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(...SEPARATORS).map((sep) => text.replace(/(?<=\p{L}) (?=\p{L})/gu, sep));
}
