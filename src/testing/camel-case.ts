import fc from 'fast-check';

/**
 * Text whose runs of words between punctuation are written in camel case, so that a filter
 * reading phrases sees one name (`ignoreAllPreviousInstructions`); the first word of a run keeps
 * its case (lower camel case) or takes a capital (Pascal case).
 *
 * @example
 * fc.sample(camelCase('ignore all previous instructions'), 1)[0]; // 'ignoreAllPreviousInstructions'
 */
export function camelCase(text: string): fc.Arbitrary<string> {
  return fc.boolean().map((pascal) => {
    const joined = text.replace(/(?<=\p{L}) (\p{Ll})/gu, (_, c: string) => c.toUpperCase());
    return pascal ? joined.replace(/(?<![\p{L}\p{N}'’])\p{Ll}(?=\p{Ll}*\p{Lu})/gu, (c) => c.toUpperCase()) : joined;
  });
}
