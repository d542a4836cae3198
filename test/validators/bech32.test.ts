import { describe, expect, it } from 'vitest';
import { bech32 } from '../../src/validators/bech32.js';
import { segwitEncode } from '../helpers/pii-fakes.js';

describe('bech32', () => {
  it('accepts BIP-173 (v0) and BIP-350 (v1) addresses in one case', () => {
    for (const v of [
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ]) {
      expect(bech32(v), v).toBe(true);
    }
  });

  it('rejects a changed character, mixed case, the wrong checksum kind and other prefixes', () => {
    expect(bech32('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toBe(false);
    expect(bech32('bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe(false);
    const program = new Uint8Array(32).fill(7);
    expect(bech32(segwitEncode('bc', 1, program, 0x2bc830a3))).toBe(true);
    // The same v1 program under a Bech32 (not Bech32m) checksum: BIP-350 forbids it, and v0 the reverse.
    expect(bech32(segwitEncode('bc', 1, program, 1))).toBe(false);
    expect(bech32(segwitEncode('bc', 0, program, 0x2bc830a3))).toBe(false);
    expect(bech32(segwitEncode('bc', 0, new Uint8Array(25), 1))).toBe(false);
    expect(bech32('ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe(false);
    expect(bech32('bc1qqqqqqqqqqqqq')).toBe(false);
  });
});
