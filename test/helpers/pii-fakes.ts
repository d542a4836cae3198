import { createHash } from 'node:crypto';
import { BASE58_ALPHABET } from '../../src/validators/base58check.js';
import { BECH32_CHARSET, expandHrp, polymod } from '../../src/validators/bech32.js';
import { ibanRemainder } from '../../src/validators/iban.js';
import { luhn } from '../../src/validators/luhn.js';

/** Appends the Luhn check digit to `body`. */
export function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhn(body + d)) return body + d;
  throw new Error('unreachable: one check digit always fits');
}

/** An IBAN of `country` with `bban`, its check digits computed by ISO 7064 MOD 97-10. */
export function makeIban(country: string, bban: string): string {
  const rest = ibanRemainder(`${country}00${bban}`);
  return `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}

/** Base58Check of `version ‖ payload`, as Bitcoin legacy addresses are written. */
export function base58CheckEncode(version: number, payload: Uint8Array): string {
  const body = Buffer.concat([Buffer.from([version]), payload]);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest().subarray(0, 4);
  const bytes = Buffer.concat([body, sum]);
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE58_ALPHABET[Number(n % 58n)]! + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** A SegWit address: `constant` 1 gives Bech32 (BIP-173), 0x2bc830a3 gives Bech32m (BIP-350). */
export function segwitEncode(hrp: string, version: number, program: Uint8Array, constant: number): string {
  const words = [version];
  let acc = 0;
  let bits = 0;
  for (const b of program) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const mod = polymod([...expandHrp(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => BECH32_CHARSET[w]).join('')}`;
}
