/**
 * fast-check arbitraries for fuzzing an LLM guard: prompt-injection attacks by family and
 * language, obfuscators that disguise any text (homoglyphs, zero-width characters, tag
 * smuggling, base64, hex, HTML and `\u` escapes, text written backwards, leetspeak, spaced letters,
 * case noise, Markdown emphasis, stacked diacritics, words set apart by pictographs, joiners or line
 * breaks, words run together in camel case), and chunkings of a text
 * as a stream would deliver it. Needs `fast-check` (v4) installed beside promptward.
 *
 * @example
 * import fc from 'fast-check';
 * import { attack, obfuscated } from 'promptward/testing';
 * fc.assert(fc.property(attack().chain((a) => obfuscated(a.text)), (t) => myGuard(t).blocked));
 */
export { ATTACK_FAMILIES, ATTACK_LANGUAGES, attack, attackCoverage } from './attacks.js';
export type { Attack, AttackFamily, AttackLanguage, AttackOptions } from './attacks.js';
export { camelCase } from './camel-case.js';
export { caseNoise } from './case-noise.js';
export { chunkings } from './chunks.js';
export { diacritics } from './diacritics.js';
export { base64, escapes, hex, reversed } from './encodings.js';
export { emphasis } from './emphasis.js';
export { homoglyphs } from './homoglyphs.js';
export { leetspeak } from './leetspeak.js';
export { OBFUSCATORS } from './obfuscate.js';
export type { ObfuscatorName } from './obfuscate.js';
export { obfuscated } from './obfuscated.js';
export { separatedWords } from './separated-words.js';
export { spacedLetters } from './spaced-letters.js';
export { tagSmuggling, toTagCharacters } from './tag-smuggling.js';
export { zeroWidth } from './zero-width.js';
