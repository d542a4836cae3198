import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base62, crc32, crc32Token } from '../../src/validators/crc32.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const body30 = fc.string({ unit: fc.constantFrom(...BASE62), minLength: 30, maxLength: 30 });

describe('crc32', () => {
  it('equals zlib CRC-32 on any ASCII string', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }), (s) => {
      expect(crc32(s)).toBe(zlibCrc32(s));
    }));
  });

  it('base62 pads to the width and round-trips through parseInt-style decoding', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
      const s = base62(n, 6);
      expect(s).toHaveLength(6);
      expect([...s].reduce((acc, ch) => acc * 62 + BASE62.indexOf(ch), 0)).toBe(n);
    }));
  });
});

describe('crc32Token', () => {
  it('accepts every token whose base62 tail is the CRC32 of its 30-character body', () => {
    fc.assert(fc.property(fc.constantFrom('ghp_', 'gho_', 'npm_'), body30, (prefix, body) => {
      expect(crc32Token(prefix + body + base62(zlibCrc32(body), 6), 'base62')).toBe(true);
    }));
  });

  it('rejects a token with any one character of its body or checksum changed', () => {
    fc.assert(fc.property(body30, fc.nat(35), fc.constantFrom(...BASE62), (body, at, ch) => {
      const token = 'ghp_' + body + base62(zlibCrc32(body), 6);
      const i = 4 + at;
      fc.pre(token[i] !== ch);
      expect(crc32Token(token.slice(0, i) + ch + token.slice(i + 1), 'base62')).toBe(false);
    }));
  });

  it('checks the 8-hex CRC32 of Cloudflare tokens with the hex argument', () => {
    const body = 'EXAMPLEfakeTOKENnotREALforTESTSonly00000';
    const sum = zlibCrc32(body).toString(16).padStart(8, '0');
    expect(crc32Token(`cfut_${body}${sum}`, 'hex')).toBe(true);
    expect(crc32Token(`cfut_${body}${sum}`, 'base62')).toBe(false);
    expect(crc32Token(`cfut_${body.replace('E', 'F')}${sum}`, 'hex')).toBe(false);
  });

  it('rejects values without a prefix or too short to hold a checksum', () => {
    expect(crc32Token('ghpwithoutunderscore', 'base62')).toBe(false);
    expect(crc32Token('ghp_abc', 'base62')).toBe(false);
  });
});
