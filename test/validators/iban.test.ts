import { describe, expect, it } from 'vitest';
import { iban, ibanRemainder } from '../../src/validators/iban.js';

describe('iban', () => {
  it('accepts IBANs in print and electronic form, any case', () => {
    for (const v of ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'de89370400440532013000', 'NO9386011117947', 'MT84MALT011000012345MTLCAST001S']) {
      expect(iban(v), v).toBe(true);
    }
  });

  it('rejects a wrong check, a wrong length for the country and an unknown country', () => {
    expect(iban('GB82WEST12345698765433')).toBe(false);
    expect(iban('GB82WEST1234569876543')).toBe(false);
    expect(iban('XX82WEST12345698765432')).toBe(false);
  });

  it('computes the ISO 7064 remainder digit by digit and flags foreign characters', () => {
    expect(ibanRemainder('GB82WEST12345698765432')).toBe(1);
    expect(ibanRemainder('GB82WEST1234569876543!')).toBe(-1);
  });
});
