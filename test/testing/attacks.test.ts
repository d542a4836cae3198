import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { ATTACK_FAMILIES, ATTACK_LANGUAGES, attack, attackCoverage, chunkings } from '../../src/testing/index.js';

describe('attack', () => {
  it('every generated attack has the requested family and language and some text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...attackCoverage()).chain((c) => attack({ families: [c.family], languages: [c.language] }).map((a) => [c, a] as const)), ([c, a]) => {
        expect(a.family).toBe(c.family);
        expect(a.language).toBe(c.language);
        expect(a.text.trim().length).toBeGreaterThan(5);
      }),
    );
  });

  it('covers every family in English and the override family in every language', () => {
    const covered = new Set(attackCoverage().map((c) => `${c.family}/${c.language}`));
    for (const family of ATTACK_FAMILIES) expect(covered).toContain(`${family}/en`);
    for (const language of ATTACK_LANGUAGES) expect(covered).toContain(`override/${language}`);
  });

  it('throws a typed error when no template fits', () => {
    expect(() => attack({ families: ['tool'], languages: ['ko'] })).toThrow(InvalidInputError);
  });
});

describe('chunkings', () => {
  it('chunks are non-empty, at most maxChunks, and join back to the text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 200 }).chain((t) => fc.tuple(fc.constant(t), chunkings(t, 8))), ([t, parts]) => {
        expect(parts.join('')).toBe(t);
        expect(parts.length).toBeLessThanOrEqual(8);
        for (const p of parts) expect(p.length).toBeGreaterThan(0);
      }),
    );
  });

  it('a text of one character or none is one chunk', () => {
    fc.assert(fc.property(chunkings(''), (parts) => parts.length === 1 && parts[0] === ''));
    fc.assert(fc.property(chunkings('a'), (parts) => parts.length === 1 && parts[0] === 'a'));
  });
});
