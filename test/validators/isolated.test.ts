import { describe, expect, it } from 'vitest';
import { isolated } from '../../src/validators/isolated.js';
import { within } from '../helpers/validator-context.js';

describe('isolated', () => {
  it('accepts a number set off by spaces, punctuation or words', () => {
    expect(isolated('123-45-6780', undefined, within('SSN: 123-45-6780.', '123-45-6780'))).toBe(true);
    expect(isolated('192.0.2.1', undefined, within('host 192.0.2.1:8080', '192.0.2.1'))).toBe(true);
    expect(isolated('192.0.2.1', undefined, within('192.0.2.1', '192.0.2.1'))).toBe(true);
  });

  it('rejects a piece of a longer dotted, dashed or signed number', () => {
    expect(isolated('1.2.3.4', undefined, within('1.2.3.4.5', '1.2.3.4'))).toBe(false);
    expect(isolated('2.3.4.5', undefined, { text: '1.2.3.4.5', start: 2, end: 9 })).toBe(false);
    expect(isolated('123-45-6780', undefined, within('0123-45-6780', '123-45-6780'))).toBe(false);
    expect(isolated('202-555-0147', undefined, within('+1-202-555-0147', '1-202-555-0147'.slice(2)))).toBe(false);
    expect(isolated('555-0147', undefined, within('+555-0147', '555-0147'))).toBe(false);
  });
});
