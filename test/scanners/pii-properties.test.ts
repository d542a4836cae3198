import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPii } from '../../src/scanners/pii/detect.js';
import { BASE58_ALPHABET } from '../../src/validators/base58check.js';
import { BECH32_CHARSET } from '../../src/validators/bech32.js';
import { toChecksumAddress } from '../../src/validators/eip55.js';
import { base58CheckEncode, makeIban, segwitEncode, withLuhnDigit } from '../helpers/pii-fakes.js';

const found = (text: string, entity: string, value: string): boolean =>
  detectPii(text, { entities: [entity] }).some((f) => text.slice(f.start, f.end) === value);
const anyFound = (text: string, entity: string): boolean => detectPii(text, { entities: [entity] }).length > 0;

/** Replaces the digit at the `pick`-th digit position of `value` with a different digit. */
function changeOneDigit(value: string, pick: number, delta: number): string {
  const positions = [...value].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  const at = positions[pick % positions.length]!;
  const digit = (Number(value[at]) + delta) % 10;
  return value.slice(0, at) + String(digit) + value.slice(at + 1);
}

const digitString = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const delta = fc.integer({ min: 1, max: 9 });

/** Issuer prefixes and lengths, one per network. */
const ISSUERS: [string, number][] = [
  ['4', 16], ['4', 13], ['4', 19], ['51', 16], ['55', 16], ['2221', 16], ['2720', 16], ['34', 15], ['37', 15],
  ['300', 14], ['36', 14], ['3528', 16], ['3589', 16], ['6011', 16], ['65', 16], ['62', 16], ['6759', 16],
];
const card = fc
  .tuple(fc.constantFrom(...ISSUERS), digitString(18, 18), fc.constantFrom('', ' ', '-'))
  .map(([[prefix, length], fill, sep]) => {
    const number = withLuhnDigit(prefix + fill.slice(0, length - prefix.length - 1));
    return sep === '' || length !== 16 ? number : number.match(/.{4}/g)!.join(sep);
  });

const IBAN_COUNTRIES: [string, number][] = [['GB', 22], ['DE', 22], ['FR', 27], ['NL', 18], ['NO', 15], ['MT', 31], ['BR', 29]];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const iban = fc
  .tuple(fc.constantFrom(...IBAN_COUNTRIES), fc.array(fc.constantFrom(...ALNUM), { minLength: 30, maxLength: 30 }), fc.boolean())
  .map(([[country, length], chars, spaced]) => {
    const compact = makeIban(country, chars.slice(0, length - 4).join(''));
    return spaced ? compact.match(/.{1,4}/g)!.join(' ') : compact;
  })
  // A digit must be left outside the country code to change.
  .filter((v) => /\d/.test(v.slice(4)));

describe('PII properties', () => {
  it('a generated card (known issuer, its length, Luhn) is found; with one digit changed it is not', () => {
    fc.assert(
      fc.property(card, fc.nat(), delta, (number, pick, d) => {
        expect(found(`card ${number} exp 12/29`, 'CREDIT_CARD', number)).toBe(true);
        expect(anyFound(`card ${changeOneDigit(number, pick, d)} exp 12/29`, 'CREDIT_CARD')).toBe(false);
      }),
    );
  });

  it('a generated IBAN (registry length, mod-97) is found; with one digit changed it is not', () => {
    fc.assert(
      fc.property(iban, fc.nat(), delta, (value, pick, d) => {
        expect(found(`IBAN ${value} please`, 'IBAN', value)).toBe(true);
        const body = changeOneDigit(value.slice(2), pick, d);
        expect(anyFound(`IBAN ${value.slice(0, 2)}${body} please`, 'IBAN')).toBe(false);
      }),
    );
  });

  it('a generated Base58Check address is found; with one character changed it is not', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x00, 0x05), bytes(20), fc.nat(), fc.integer({ min: 1, max: 57 }), (version, hash, pick, shift) => {
        const address = base58CheckEncode(version, hash);
        fc.pre(/^[13]/.test(address));
        expect(found(`send to ${address} now`, 'CRYPTO_WALLET', address)).toBe(true);
        // Leave the leading version character alone: changing it may change the decoded length.
        const at = 1 + (pick % (address.length - 1));
        const changed = address.slice(0, at) + BASE58_ALPHABET[(BASE58_ALPHABET.indexOf(address[at]!) + shift) % 58]! + address.slice(at + 1);
        expect(anyFound(`send to ${changed} now`, 'CRYPTO_WALLET')).toBe(false);
      }),
    );
  });

  it('a generated Bech32/Bech32m address is found; with one character changed it is not', () => {
    const segwit = fc.oneof(
      bytes(20).map((p) => segwitEncode('bc', 0, p, 1)),
      bytes(32).map((p) => segwitEncode('bc', 0, p, 1)),
      bytes(32).map((p) => segwitEncode('bc', 1, p, 0x2bc830a3)),
    );
    fc.assert(
      fc.property(segwit, fc.nat(), fc.integer({ min: 1, max: 31 }), (address, pick, shift) => {
        expect(found(`pay ${address}`, 'CRYPTO_WALLET', address)).toBe(true);
        const at = 3 + (pick % (address.length - 3));
        const changed = address.slice(0, at) + BECH32_CHARSET[(BECH32_CHARSET.indexOf(address[at]!) + shift) % 32]! + address.slice(at + 1);
        expect(anyFound(`pay ${changed}`, 'CRYPTO_WALLET')).toBe(false);
      }),
    );
  });

  it('a generated EIP-55 address is found; with one digit changed its checksum fails', () => {
    fc.assert(
      fc.property(bytes(20), fc.nat(), delta, (raw, pick, d) => {
        const address = `0x${toChecksumAddress(Buffer.from(raw).toString('hex'))}`;
        // The checksum lives in the case of letters: with many letters a changed digit all but surely shows.
        fc.pre(/\d/.test(address.slice(2)) && (address.match(/[a-fA-F]/g) ?? []).length >= 20);
        expect(found(`to ${address} please`, 'CRYPTO_WALLET', address)).toBe(true);
        const changed = `0x${changeOneDigit(address.slice(2), pick, d)}`;
        expect(anyFound(`to ${changed} please`, 'CRYPTO_WALLET')).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
