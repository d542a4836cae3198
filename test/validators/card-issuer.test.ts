import { describe, expect, it } from 'vitest';
import { cardIssuer } from '../../src/validators/card-issuer.js';

describe('card-issuer', () => {
  it('accepts each network at a length it issues', () => {
    const cards = {
      visa16: '4111111111111111',
      visa13: '4222222222222',
      mastercard: '5555555555554444',
      mastercard2: '2223003122003222',
      amex: '378282246310005',
      diners: '30569309025904',
      discover: '6011111111111117',
      jcb: '3530111333300000',
      unionpay: '6200000000000005',
      maestro: '6759649826438453',
    };
    for (const [name, n] of Object.entries(cards)) expect(cardIssuer(n), name).toBe(true);
  });

  it('rejects unknown prefixes and lengths the issuer does not use', () => {
    expect(cardIssuer('1234567812345670')).toBe(false);
    expect(cardIssuer('9111111111111111')).toBe(false);
    expect(cardIssuer('37828224631000')).toBe(false); // Amex is 15 digits
    expect(cardIssuer('411111111111111')).toBe(false); // Visa has no 15-digit cards
    expect(cardIssuer('2721003122003222')).toBe(false); // past the 2-series block
  });
});
