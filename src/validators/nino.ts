/** Prefixes HMRC never allocates (on top of the letters the pattern already excludes). */
const UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * `nino`: a UK National Insurance number by HMRC's allocation rules: two prefix letters
 * (D, F, I, Q, U, V never used, O never second, and none of BG, GB, KN, NK, NT, TN, ZZ),
 * six digits and a suffix A–D. Spaces and case are ignored.
 *
 * @example
 * nino('JG 10 37 59 A', undefined, ctx); // true
 * nino('QQ 12 34 56 C', undefined, ctx); // false: HMRC's sample prefix is never issued
 */
export function nino(value: string): boolean {
  const compact = value.replace(/ /g, '').toUpperCase();
  return /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact) && !UNUSED_PREFIXES.has(compact.slice(0, 2));
}
