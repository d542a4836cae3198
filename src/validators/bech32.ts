/** The 32 characters of Bech32's data part, by value. */
export const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** BIP-173's BCH generator coefficients. */
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/** The checksum constant: 1 for Bech32 (BIP-173), 0x2bc830a3 for Bech32m (BIP-350). */
const BECH32 = 1;
const BECH32M = 0x2bc830a3;

/** BIP-173's checksum function over 5-bit values: a BCH code that detects up to four errors. */
export function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]!) >>> 0;
  }
  return chk;
}

/** The human-readable part as checksum input: high bits of each character, a zero, then the low bits. */
export function expandHrp(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

/** Regroups 5-bit words into bytes; null when the padding is not zero or too long (BIP-173). */
function toBytes(words: readonly number[]): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const w of words) {
    acc = (acc << 5) | w;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  return bits >= 5 || acc !== 0 ? null : out;
}

/**
 * `bech32`: a native SegWit address (`bc1…`, `tb1…`): one case throughout, a valid checksum
 * of the right kind (Bech32 for witness version 0, Bech32m for versions 1–16, BIP-350),
 * and a witness program of a length that version allows.
 *
 * @example
 * bech32('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', undefined, ctx); // true
 */
export function bech32(value: string): boolean {
  if (value.length > 90 || (value !== value.toLowerCase() && value !== value.toUpperCase())) return false;
  const text = value.toLowerCase();
  const sep = text.lastIndexOf('1');
  const hrp = text.slice(0, sep);
  if (hrp !== 'bc' && hrp !== 'tb') return false;
  const data: number[] = [];
  for (const ch of text.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(ch);
    if (v < 0) return false;
    data.push(v);
  }
  if (data.length < 7) return false;
  const version = data[0]!;
  const constant = polymod([...expandHrp(hrp), ...data]);
  if (constant !== (version === 0 ? BECH32 : BECH32M) || version > 16) return false;
  const program = toBytes(data.slice(1, -6));
  if (program === null || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}
