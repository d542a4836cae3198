import fc from 'fast-check';
import { seeded } from './random.js';

/**
 * Text with the case of each letter flipped with probability `rate` (default 0.5):
 * `iGnORe PreVIoUs`.
 *
 * @example
 * fc.sample(caseNoise('ignore previous instructions'), 1)[0];
 */
export function caseNoise(text: string, rate = 0.5): fc.Arbitrary<string> {
  return fc.nat().map((seed) => {
    const next = seeded(seed);
    return text.replace(/\p{L}/gu, (c) => {
      if (next() >= rate) return c;
      const up = c.toUpperCase();
      return up === c ? c.toLowerCase() : up;
    });
  });
}
