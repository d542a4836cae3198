import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/text/index.js';
import { base64, camelCase, caseNoise, diacritics, emphasis, escapes, hex, homoglyphs, leetspeak, reversed, separatedWords, spacedLetters, tagSmuggling, zeroWidth } from '../../src/testing/index.js';
import { decodeEscapes } from '../../src/scanners/injection/decoders.js';

const words = fc.stringMatching(/^[a-z]{3,8}(?: [a-z]{3,8}){0,5}$/);

describe('obfuscators', () => {
  it('homoglyphs: the fold view reads the original text again', () => {
    fc.assert(fc.property(words.chain((t) => fc.tuple(fc.constant(t), homoglyphs(t))), ([t, o]) => normalize(o, 'fold').text === t));
  });

  it('zeroWidth: the clean view removes every inserted character', () => {
    fc.assert(fc.property(words.chain((t) => fc.tuple(fc.constant(t), zeroWidth(t, 1))), ([t, o]) => o.length > t.length && normalize(o, 'clean').text === t));
  });

  it('tagSmuggling: the visible text hides the payload, the clean view decodes it', () => {
    fc.assert(
      // The cover text may hold a short payload by chance (`ase` in `Please`): what is read is its end.
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), tagSmuggling(t))), ([t, o]) => !o.endsWith(t) && normalize(o, 'clean').text.endsWith(t)),
    );
  });

  it('escapes: every escape decodes back to the text, and at least the letters are escaped', () => {
    // decodeEscapes reads six characters or more as text.
    fc.assert(
      fc.property(words.filter((t) => t.length >= 6).chain((t) => fc.tuple(fc.constant(t), escapes(t))), ([t, o]) => {
        const payload = o.replace(/^Here is the data: |^payload = "|"$|^Process this: |\n$/g, '');
        return !/[a-z]/.test(payload.replace(/&#x?[0-9a-f]+;|\\u[0-9a-f]{4}/g, '')) && decodeEscapes(payload) === t;
      }),
    );
  });

  it('emphasis: without its Markdown marks the text is the text again', () => {
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), emphasis(t))), ([t, o]) => o.replace(/[*_~]/g, '') === t),
    );
  });

  it('base64 and hex: the encoded payload decodes back to the text', () => {
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), base64(t))), ([t, o]) => {
        const b64 = /[A-Za-z0-9+/_-]{4,}={0,2}/.exec(o.replace(/^Here is the data: |^payload = "|"$|^Process this: /, ''))![0];
        return Buffer.from(b64, 'base64').toString('utf8') === t;
      }),
    );
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), hex(t))), ([t, o]) => {
        const digits = o.replace(/^Here is the data: |^payload = "|"$|^Process this: /, '').replace(/\\x|\s/g, '');
        return Buffer.from(digits, 'hex').toString('utf8') === t;
      }),
    );
  });

  it('reversed: read backwards, whole or word by word, the payload is the text again', () => {
    const backwards = (s: string): string => [...s].reverse().join('');
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), reversed(t))), ([t, o]) => {
        const payload = o.replace(/^Here is the data: |^payload = "|"$|^Process this: |\n$/g, '');
        return backwards(payload) === t || payload.replace(/[a-z]+/g, backwards) === t;
      }),
    );
  });

  it('leetspeak: only leet letters change, each into its digit', () => {
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), leetspeak(t))), ([t, o]) => {
        expect(o.length).toBe(t.length);
        for (let i = 0; i < t.length; i++) if (o[i] !== t[i]) expect('aeilost').toContain(t[i]);
      }),
    );
  });

  it('spacedLetters: dropping the separators gives back the letters in order', () => {
    fc.assert(
      fc.property(words.chain((t) => fc.tuple(fc.constant(t), spacedLetters(t))), ([t, o]) => o.replace(/[ .\-*_]/g, '') === t.replace(/ /g, '')),
    );
  });

  it('caseNoise: the text is the same ignoring case', () => {
    fc.assert(fc.property(words.chain((t) => fc.tuple(fc.constant(t), caseNoise(t))), ([t, o]) => o.toLowerCase() === t));
  });

  it('diacritics: without its combining marks the text is the text again, and the fold view reads words of four letters or more', () => {
    fc.assert(fc.property(words.chain((t) => fc.tuple(fc.constant(t), diacritics(t))), ([t, o]) => o.replace(/[\u0300-\u036f]/g, '') === t));
    const long = fc.stringMatching(/^[a-z]{4,8}(?: [a-z]{4,8}){0,5}$/);
    fc.assert(fc.property(long.chain((t) => fc.tuple(fc.constant(t), diacritics(t, 1))), ([t, o]) => normalize(o, 'fold').text === t));
  });

  it('separatedWords: the fold view reads three words or more set apart again', () => {
    const three = fc.stringMatching(/^[a-z]{3,8}(?: [a-z]{3,8}){2,5}$/);
    fc.assert(fc.property(three.chain((t) => fc.tuple(fc.constant(t), separatedWords(t))), ([t, o]) => o !== t && normalize(o, 'fold').text === t));
  });

  it('camelCase: one name without spaces, which the fold view reads as three words or more again', () => {
    const three = fc.stringMatching(/^[a-z]{3,8}(?: [a-z]{3,8}){2,5}$/);
    fc.assert(
      fc.property(three.chain((t) => fc.tuple(fc.constant(t), camelCase(t))), ([t, o]) => {
        expect(o).not.toContain(' ');
        expect(o.toLowerCase()).toBe(t.replace(/ /g, ''));
        expect(normalize(o, 'fold').text.toLowerCase()).toBe(t);
      }),
    );
  });
});
