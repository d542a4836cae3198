import { describe, expect, it } from 'vitest';
import { ssn } from '../../src/validators/ssn.js';

describe('ssn', () => {
  it('accepts numbers the SSA can issue, including areas opened by randomization', () => {
    for (const v of ['123-45-6780', '536 22 1234', '772100042', '899-01-0001']) expect(ssn(v), v).toBe(true);
  });

  it('rejects area 000, 666 and 9xx, group 00, serial 0000 and voided numbers', () => {
    for (const v of ['000-12-3456', '666-12-3456', '900-12-3456', '987-65-4321', '123-00-4567', '123-45-0000', '078-05-1120', '219-09-9999', '123-45-6789']) {
      expect(ssn(v), v).toBe(false);
    }
  });

  it('rejects anything but nine digits', () => {
    expect(ssn('123-45-678')).toBe(false);
    expect(ssn('1234567890')).toBe(false);
  });
});
