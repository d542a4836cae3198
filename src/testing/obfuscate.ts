import type fc from 'fast-check';
import { camelCase } from './camel-case.js';
import { caseNoise } from './case-noise.js';
import { diacritics } from './diacritics.js';
import { emphasis } from './emphasis.js';
import { base64, escapes, hex, reversed } from './encodings.js';
import { homoglyphs } from './homoglyphs.js';
import { leetspeak } from './leetspeak.js';
import { separatedWords } from './separated-words.js';
import { spacedLetters } from './spaced-letters.js';
import { tagSmuggling } from './tag-smuggling.js';
import { zeroWidth } from './zero-width.js';

/** Every obfuscator by name: each takes a text and returns an arbitrary of disguised versions. */
export const OBFUSCATORS = {
  homoglyphs: (text: string) => homoglyphs(text),
  zeroWidth: (text: string) => zeroWidth(text),
  tagSmuggling: (text: string) => tagSmuggling(text),
  base64: (text: string) => base64(text),
  hex: (text: string) => hex(text),
  escapes: (text: string) => escapes(text),
  reversed: (text: string) => reversed(text),
  leetspeak: (text: string) => leetspeak(text),
  spacedLetters: (text: string) => spacedLetters(text),
  caseNoise: (text: string) => caseNoise(text),
  emphasis: (text: string) => emphasis(text),
  diacritics: (text: string) => diacritics(text),
  separatedWords: (text: string) => separatedWords(text),
  camelCase: (text: string) => camelCase(text),
} as const satisfies Record<string, (text: string) => fc.Arbitrary<string>>;

/** The name of one obfuscator. */
export type ObfuscatorName = keyof typeof OBFUSCATORS;
