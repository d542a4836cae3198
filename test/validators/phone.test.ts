import { describe, expect, it } from 'vitest';
import { phone } from '../../src/validators/phone.js';

describe('phone', () => {
  it('checks numbers with + or 00 against their country calling code', () => {
    for (const v of ['+44 20 7946 0958', '+41 (0)44 668 18 00', '+1-202-555-0183x204', '0049 30 901820', '+81 3-1234-5678']) expect(phone(v, undefined), v).toBe(true);
    expect(phone('+999 1234 5678', undefined)).toBe(false);
    expect(phone('+44 20', undefined)).toBe(false);
  });

  it('checks national numbers against the listed regions only', () => {
    expect(phone('020 7946 0958', 'GB')).toBe(true);
    expect(phone('(212) 555-0199', 'US')).toBe(true);
    expect(phone('01.99.00.12.34', 'US,FR')).toBe(true);
    expect(phone('020 7946 0958', undefined)).toBe(false);
    expect(phone('212 555 01', 'US')).toBe(false);
  });

  it('rejects dates, SSN shapes, decimals and digit counts no plan uses', () => {
    for (const v of ['1978-04-13 12', '13.04.1978', '123-45-6789', '4294967296.0', '12 34', '1234567890123456']) expect(phone(v, 'US,DE'), v).toBe(false);
  });
});
