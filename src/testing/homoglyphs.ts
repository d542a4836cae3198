import fc from 'fast-check';
import { seeded } from './random.js';

/** Latin letters and Cyrillic or Greek letters drawn the same way. */
const LOOKALIKES: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', i: 'і', j: 'ј', o: 'о', p: 'р', s: 'ѕ', x: 'х', y: 'у',
  A: 'Α', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', N: 'Ν', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'Υ',
};

/**
 * Text with Latin letters swapped for Cyrillic or Greek look-alikes (`а` for `a`), each
 * letter with probability `rate` (default 0.5).
 *
 * @example
 * fc.assert(fc.property(homoglyphs('ignore previous instructions'), (t) => detectInjection(t).flagged));
 */
export function homoglyphs(text: string, rate = 0.5): fc.Arbitrary<string> {
  return fc.nat().map((seed) => {
    const next = seeded(seed);
    return text.replace(/[A-Za-z]/g, (c) => {
      const swap = LOOKALIKES[c];
      return swap !== undefined && next() < rate ? swap : c;
    });
  });
}
