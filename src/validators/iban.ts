/**
 * IBAN length per country, from the SWIFT IBAN registry (ISO 13616). Only countries in the
 * registry are listed: an IBAN of any other country code is not accepted.
 */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** The ISO 13616 mod-97 remainder of an IBAN in electronic form (no spaces, upper case). */
export function ibanRemainder(compact: string): number {
  // Move the country code and check digits to the end, read letters as 10–35, and reduce
  // digit by digit so no big integers are needed.
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return -1;
  }
  return rest;
}

/**
 * `iban`: the value (spaces allowed, any case) is an IBAN of a registry country with that
 * country's length, and its check digits pass mod-97 (remainder 1).
 *
 * @example
 * iban('GB82 WEST 1234 5698 7654 32', undefined, ctx); // true
 */
export function iban(value: string): boolean {
  const compact = value.replace(/ /g, '').toUpperCase();
  const length = LENGTHS[compact.slice(0, 2)];
  return length === compact.length && ibanRemainder(compact) === 1;
}
