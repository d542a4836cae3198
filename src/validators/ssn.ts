import { digitsOf } from './digits.js';

/** Numbers the SSA voided after they were printed in advertising or samples. */
const VOIDED = new Set(['078051120', '219099999', '123456789']);

/**
 * `ssn`: the value is a US Social Security number the SSA can issue: area not 000, 666 or
 * 900–999, group not 00, serial not 0000, and not one of the publicly voided numbers.
 *
 * @example
 * ssn('536-22-1234', undefined, ctx); // true
 * ssn('666-22-1234', undefined, ctx); // false: area 666 is never issued
 */
export function ssn(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9 || VOIDED.has(d)) return false;
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}
