import fc from 'fast-check';
import { seeded } from './random.js';

/** Letters and the digits or symbols leetspeak writes for them. */
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', l: '1', o: '0', s: '5', t: '7' };

/**
 * Text in leetspeak: each of a, e, i, l, o, s, t (either case) becomes its digit with
 * probability `rate` (default 0.6); a word keeps at least one letter.
 *
 * @example
 * fc.sample(leetspeak('ignore all previous'), 1)[0]; // '1gn0r3 a11 pr3v10us'
 */
export function leetspeak(text: string, rate = 0.6): fc.Arbitrary<string> {
  return fc.nat().map((seed) => {
    const next = seeded(seed);
    // A word must keep one letter: the fold view leaves all-digit tokens alone, since they are
    // far more often numbers than words, so "70" for "to" would read as seventy to a scanner.
    return text.replace(/\p{L}+/gu, (word) => {
      const leet = word.replace(/[aeilostAEILOST]/g, (c) => (next() < rate ? LEET[c.toLowerCase()]! : c));
      return /\p{L}/u.test(leet) ? leet : word;
    });
  });
}
