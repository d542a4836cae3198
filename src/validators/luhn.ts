import { digitsOf } from './digits.js';

/**
 * `luhn`: the digits of the value (separators ignored) pass the Luhn mod-10 check of
 * ISO/IEC 7812-1, which catches every single-digit error and most adjacent swaps.
 *
 * @example
 * luhn('4111 1111 1111 1111', undefined, ctx); // true
 */
export function luhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  // Walk from the check digit leftwards; every second digit is doubled.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
