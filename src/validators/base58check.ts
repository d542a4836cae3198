import { createHash } from 'node:crypto';

/** Bitcoin's Base58 digits, by value: no 0, O, I or l. */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...BASE58_ALPHABET].map((c, i) => [c, i] as const));

/** Base58 text to bytes (big-endian), each leading `1` standing for a zero byte; null on a foreign character. */
export function base58Decode(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    let carry = INDEX.get(ch);
    if (carry === undefined) return null;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

function sha256d(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/**
 * `base58check`: a Bitcoin legacy address (P2PKH or P2SH): Base58 that decodes to a version
 * byte, a 20-byte hash and a 4-byte checksum equal to the start of SHA-256(SHA-256(version ‖ hash)).
 *
 * @example
 * base58check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', undefined, ctx); // true
 */
export function base58check(value: string): boolean {
  const bytes = base58Decode(value);
  if (bytes === null || bytes.length !== 25) return false;
  const payload = bytes.subarray(0, 21);
  const sum = sha256d(payload);
  return sum[0] === bytes[21] && sum[1] === bytes[22] && sum[2] === bytes[23] && sum[3] === bytes[24];
}
