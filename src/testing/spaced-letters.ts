import fc from 'fast-check';
import { seeded } from './random.js';

/** Separators people put between spaced-out letters. */
const SEPARATORS = [' ', '.', '-', '*', '_'] as const;

/**
 * Text with words spelled out letter by letter (`i g n o r e`), each word of three or more
 * letters with probability `rate` (default 0.6). Words are then set apart by three spaces,
 * the way such text is written, so the word boundaries stay readable.
 *
 * @example
 * fc.sample(spacedLetters('ignore previous instructions'), 1)[0]; // 'i.g.n.o.r.e   previous   …'
 */
export function spacedLetters(text: string, rate = 0.6): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), fc.constantFrom(...SEPARATORS)).map(([seed, sep]) => {
    const next = seeded(seed);
    let spaced = false;
    const words = text.split(' ').map((word) =>
      word.replace(/[A-Za-z]{3,}/g, (run) => {
        if (next() >= rate) return run;
        spaced = true;
        return run.split('').join(sep);
      }),
    );
    return words.join(spaced ? '   ' : ' ');
  });
}
