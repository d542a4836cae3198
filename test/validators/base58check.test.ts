import { describe, expect, it } from 'vitest';
import { base58check, base58Decode } from '../../src/validators/base58check.js';

describe('base58check', () => {
  it('accepts P2PKH and P2SH addresses whose checksum holds', () => {
    expect(base58check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toBe(true);
    expect(base58check('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe(true);
  });

  it('rejects a changed character, a foreign character and a wrong payload length', () => {
    expect(base58check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toBe(false);
    expect(base58check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0')).toBe(false);
    expect(base58check('1111111111111111111111111111')).toBe(false);
  });

  it('decodes leading 1s as zero bytes', () => {
    expect([...base58Decode('112')!]).toEqual([0, 0, 1]);
    expect(base58Decode('0OIl')).toBeNull();
  });
});
