import { describe, expect, it } from 'vitest';
import { email } from '../../src/validators/email.js';
import { alone, within } from '../helpers/validator-context.js';

describe('email', () => {
  it('accepts dot-atom addresses within the RFC 5321 limits', () => {
    for (const v of ['jane.doe@example.com', 'a+b@mail.example.co.uk', `${'x'.repeat(64)}@example.com`]) expect(email(v, undefined, alone(v)), v).toBe(true);
  });

  it('rejects oversized parts, bad dots, bad labels and numeric top-level labels', () => {
    const bad = [
      `${'x'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${'b.'.repeat(130)}com`,
      '.a@example.com',
      'a.@example.com',
      'a..b@example.com',
      'a@-example.com',
      'a@example-.com',
      'a@192.168.0.1',
      'a@localhost',
    ];
    for (const v of bad) expect(email(v, undefined, alone(v)), v).toBe(false);
  });

  it('rejects the tail of a longer run of address characters', () => {
    const text = `${'x'.repeat(70)}@example.com`;
    expect(email(text.slice(6), undefined, within(text, text.slice(6)))).toBe(false);
    expect(email('jane@example.com', undefined, within('to: "jane@example.com"', 'jane@example.com'))).toBe(true);
    expect(email('jane@example.com', undefined, within('écrire à jane@example.com', 'jane@example.com'))).toBe(true);
  });

  it('leaves user:password@host inside a URL to the secret rules', () => {
    expect(email('pass@example.com', undefined, within('see https://user:pass@example.com/x', 'pass@example.com'))).toBe(false);
    expect(email('jane@example.com', undefined, within('mailto:jane@example.com', 'jane@example.com'))).toBe(true);
  });
});
