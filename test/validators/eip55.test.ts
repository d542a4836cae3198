import { describe, expect, it } from 'vitest';
import { eip55, toChecksumAddress } from '../../src/validators/eip55.js';
import { keccak256 } from '../../src/validators/keccak.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('keccak256', () => {
  it('matches the published digests of the empty string and "abc"', () => {
    expect(hex(keccak256(new Uint8Array()))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(hex(keccak256(Buffer.from('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('pads across a block boundary (136-byte rate)', () => {
    expect(keccak256(new Uint8Array(136))).toHaveLength(32);
    expect(hex(keccak256(new Uint8Array(135)))).not.toBe(hex(keccak256(new Uint8Array(136))));
  });
});

describe('eip55', () => {
  const examples = ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'];

  it('accepts the EIP-55 examples and rebuilds their case from the lower-case form', () => {
    for (const a of examples) {
      expect(eip55(a), a).toBe(true);
      expect(`0x${toChecksumAddress(a.slice(2).toLowerCase())}`).toBe(a);
    }
  });

  it('accepts single-case addresses, which carry no checksum', () => {
    expect(eip55(examples[0]!.toLowerCase())).toBe(true);
    expect(eip55(`0x${examples[0]!.slice(2).toUpperCase()}`)).toBe(true);
  });

  it('rejects a flipped letter case and a wrong length', () => {
    expect(eip55('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBe(false);
    expect(eip55('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe')).toBe(false);
  });
});
