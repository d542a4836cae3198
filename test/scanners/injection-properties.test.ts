import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectInjection } from '../../src/scanners/injection/index.js';
import { attack, obfuscated, type ObfuscatorName } from '../../src/testing/index.js';

const OBFUSCATIONS: ObfuscatorName[] = ['homoglyphs', 'zeroWidth', 'tagSmuggling', 'base64', 'hex', 'escapes', 'leetspeak', 'spacedLetters', 'caseNoise', 'emphasis', 'diacritics', 'separatedWords', 'camelCase'];

describe('detectInjection properties', () => {
  it('every generated attack, in every family and language, is flagged', () => {
    fc.assert(
      fc.property(attack(), (a) => {
        expect(detectInjection(a.text).flagged, `${a.family}/${a.language}: ${a.text}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('English attacks stay flagged under every obfuscation', () => {
    fc.assert(
      fc.property(
        attack({ languages: ['en'], families: ['override', 'extraction', 'roleplay'] }).chain((a) => obfuscated(a.text, OBFUSCATIONS)),
        (text) => {
          expect(detectInjection(text).flagged, JSON.stringify(text)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('any string scans without throwing, with finding spans inside the text and a score in [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const r = detectInjection(text);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        for (const f of r.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.start).toBeLessThan(f.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('raising the threshold never turns an unflagged text into a flagged one', () => {
    fc.assert(
      fc.property(attack(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        if (detectInjection(a.text, { threshold: high }).flagged) expect(detectInjection(a.text, { threshold: low }).flagged).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
