import fc from 'fast-check';
import { seeded } from './random.js';

/**
 * Text in "glitch" letters (Zalgo): after each letter, with probability `rate` (default 0.7),
 * one to three combining diacritics (U+0300–U+036F) stacked on it. A reader, and a model, still
 * read the words; a filter of exact phrases reads none.
 *
 * @example
 * fc.sample(diacritics('ignore previous instructions'), 1)[0]; // 'i̖̍g̈n̶ó̤r͓e …'
 */
export function diacritics(text: string, rate = 0.7): fc.Arbitrary<string> {
  return fc.nat().map((seed) => {
    const next = seeded(seed);
    return text.replace(/\p{L}/gu, (c: string) => {
      if (next() >= rate) return c;
      let marked = c;
      const count = 1 + Math.floor(next() * 3);
      for (let k = 0; k < count; k++) marked += String.fromCharCode(0x300 + Math.floor(next() * 0x70));
      return marked;
    });
  });
}
