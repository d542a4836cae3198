import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/scanners/secrets/detect.js';
import { base62 } from '../../src/validators/crc32.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const body30 = fc.string({ unit: fc.constantFrom(...BASE62), minLength: 30, maxLength: 30 });
const checksummed = fc.record({
  prefix: fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_'),
  body: body30,
});
const token = ({ prefix, body }: { prefix: string; body: string }): string => prefix + body + base62(crc32(body), 6);
/** Text around a token that cannot extend it: separators, prose, quotes. */
const around = fc.constantFrom(['', ''], ['TOKEN=', '\n'], ['use "', '" here'], ['x ', ' y'], ['`', '`']);
const expectedEntity = (prefix: string) => (prefix === 'npm_' ? 'NPM_TOKEN' : 'GITHUB_TOKEN');

describe('checksummed tokens', () => {
  it('every generated GitHub or npm token with a correct CRC32 is found, with its exact span', () => {
    fc.assert(
      fc.property(checksummed, around, (t, [before, after]) => {
        const tok = token(t);
        const text = before + tok + after;
        const hits = detectSecrets(text).filter((f) => f.entity === expectedEntity(t.prefix));
        expect(hits.map((f) => text.slice(f.start, f.end))).toEqual([tok]);
      }),
    );
  });

  it('the same token with one character of body or checksum changed is never reported as that token', () => {
    fc.assert(
      fc.property(checksummed, fc.nat(35), fc.constantFrom(...BASE62), around, (t, at, ch, [before, after]) => {
        const tok = token(t);
        const i = t.prefix.length + at;
        fc.pre(tok[i] !== ch);
        const broken = tok.slice(0, i) + ch + tok.slice(i + 1);
        const text = before + broken + after;
        expect(detectSecrets(text).filter((f) => f.entity === expectedEntity(t.prefix))).toEqual([]);
      }),
    );
  });

  it('every Cloudflare token with a correct hex CRC32 is found and a one-character change is not', () => {
    const body40 = fc.string({ unit: fc.constantFrom(...BASE62), minLength: 40, maxLength: 40 });
    fc.assert(
      fc.property(fc.constantFrom('cfut_', 'cfat_', 'cfk_'), body40, fc.nat(39), (prefix, body, at) => {
        const tok = prefix + body + crc32(body).toString(16).padStart(8, '0');
        expect(detectSecrets(`CF=${tok}`).map((f) => f.entity)).toContain(tok.startsWith('cfk_') ? 'CLOUDFLARE_GLOBAL_API_KEY' : 'CLOUDFLARE_API_TOKEN');
        const i = prefix.length + at;
        const broken = tok.slice(0, i) + (tok[i] === 'A' ? 'B' : 'A') + tok.slice(i + 1);
        expect(detectSecrets(`CF=${broken}`).filter((f) => f.entity.startsWith('CLOUDFLARE'))).toEqual([]);
      }),
    );
  });
});

describe('detectSecrets on arbitrary text', () => {
  it('every finding lies inside the text, carries an entity and spans no more than its rule allows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const f of detectSecrets(text)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.category).toBe('secret');
          expect(f.entity).toMatch(/^[A-Z0-9_]+$/);
        }
      }),
    );
  });
});
