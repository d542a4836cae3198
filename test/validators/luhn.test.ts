import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhn } from '../../src/validators/luhn.js';

describe('luhn', () => {
  it('accepts known test card numbers with or without separators', () => {
    for (const n of ['4111111111111111', '4111 1111 1111 1111', '378282246310005', '6011-1111-1111-1117']) expect(luhn(n), n).toBe(true);
  });

  it('rejects a wrong check digit and values with fewer than two digits', () => {
    expect(luhn('4111111111111112')).toBe(false);
    expect(luhn('0')).toBe(false);
    expect(luhn('')).toBe(false);
  });

  it('any single-digit change of a valid number breaks the check', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 });
    fc.assert(
      fc.property(digits, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const check = [...Array(10).keys()].find((d) => luhn(body.join('') + d))!;
        const valid = [...body, check];
        const i = pos % valid.length;
        const changed = valid.map((d, k) => (k === i ? (d + delta) % 10 : d)).join('');
        return luhn(valid.join('')) && !luhn(changed);
      }),
    );
  });
});
