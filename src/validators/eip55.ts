import { keccak256 } from './keccak.js';

/** The EIP-55 mixed-case form of a 40-hex-digit address body. */
export function toChecksumAddress(hex40: string): string {
  const lower = hex40.toLowerCase();
  const hash = keccak256(Buffer.from(lower, 'ascii'));
  let out = '';
  for (let i = 0; i < 40; i++) {
    const ch = lower[i]!;
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/**
 * `eip55`: an Ethereum address `0x` + 40 hex digits. Mixed case is an EIP-55 checksum and
 * must match Keccak-256 of the lower-case address; all-lower or all-upper carries no
 * checksum and is accepted as written.
 *
 * @example
 * eip55('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', undefined, ctx); // true
 */
export function eip55(value: string): boolean {
  const body = value.slice(2);
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return false;
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(body) === body;
}
