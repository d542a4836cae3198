import fc from 'fast-check';
import { seeded } from './random.js';

/** Markdown marks that wrap a word: bold, italic, bold italic, strike-through. */
const MARKS = ['**', '*', '***', '~~', '__'] as const;

/**
 * Text with Markdown emphasis around its words (`what's` is one), each word with probability
 * `rate` (default 0.7) and its own mark: `**ignore** *all* ~~previous~~ instructions`.
 *
 * @example
 * fc.sample(emphasis('ignore all previous instructions'), 1)[0];
 */
export function emphasis(text: string, rate = 0.7): fc.Arbitrary<string> {
  return fc.nat().map((seed) => {
    const next = seeded(seed);
    return text.replace(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu, (word) => {
      if (next() >= rate) return word;
      const mark = MARKS[Math.floor(next() * MARKS.length)]!;
      return `${mark}${word}${mark}`;
    });
  });
}
