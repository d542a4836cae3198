import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { detectPii, piiEngine } from '../../src/scanners/pii/detect.js';
import { PII_PACKS } from '../../src/scanners/pii/packs.js';
import { PackSchema } from '../../src/engine/pack.js';

const spans = (text: string, entity?: string) =>
  detectPii(text, entity === undefined ? {} : { entities: [entity] }).map((f) => [f.entity, text.slice(f.start, f.end)]);

describe('PII packs', () => {
  const rules = PII_PACKS.flatMap((p) => PackSchema.parse(p).rules);

  it('every rule is pii, names an entity, runs on raw text and bounds its match length', () => {
    for (const r of rules) {
      expect(r.category, r.id).toBe('pii');
      expect(r.entity, r.id).toMatch(/^[A-Z_]+$/);
      expect(r.views, r.id).toEqual(['raw']);
      expect(r.maxLength, r.id).toBeGreaterThan(0);
    }
  });

  it('no pattern repeats without a bound', () => {
    for (const r of rules) {
      // Escapes and character classes may hold a literal + or *; what is left must not repeat unboundedly.
      const bare = r.pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      expect(bare, r.id).not.toMatch(/[+*]|\{\d+,\}/);
    }
  });

  it('covers the entities the issue asks for', () => {
    expect(new Set(rules.map((r) => r.entity))).toEqual(
      new Set(['EMAIL', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'UK_NINO', 'IP_ADDRESS', 'MAC_ADDRESS', 'CRYPTO_WALLET', 'DATE_OF_BIRTH']),
    );
  });
});

describe('detectPii', () => {
  it('finds each entity in one message, in text order', () => {
    const text = [
      'Mail jane.doe@example.com or call +44 20 7946 0958.',
      'Card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 123-45-6780, NI JG 10 37 59 A.',
      'Host 192.0.2.44 / 2001:db8::7334, MAC 00:1A:2B:3C:4D:5E, BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2, born 1985-03-12.',
    ].join('\n');
    expect(spans(text)).toEqual([
      ['EMAIL', 'jane.doe@example.com'],
      ['PHONE_NUMBER', '+44 20 7946 0958'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
      ['IBAN', 'GB82 WEST 1234 5698 7654 32'],
      ['US_SSN', '123-45-6780'],
      ['UK_NINO', 'JG 10 37 59 A'],
      ['IP_ADDRESS', '192.0.2.44'],
      ['IP_ADDRESS', '2001:db8::7334'],
      ['MAC_ADDRESS', '00:1A:2B:3C:4D:5E'],
      ['CRYPTO_WALLET', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
      ['DATE_OF_BIRTH', '1985-03-12'],
    ]);
  });

  it('merges overlapping findings of one entity into the longest, keeping the best score', () => {
    const text = 'Phone: +41 (0)44 668 18 00';
    const all = piiEngine().scan(text).findings.filter((f) => f.entity === 'PHONE_NUMBER');
    expect(all.length).toBeGreaterThan(1);
    const merged = detectPii(text);
    expect(merged).toHaveLength(1);
    expect(text.slice(merged[0]!.start, merged[0]!.end)).toBe('+41 (0)44 668 18 00');
    expect(merged[0]!.score).toBe(Math.max(...all.map((f) => f.score)));
  });

  it('context words raise the score; required context gates ambiguous formats', () => {
    const plain = detectPii('ref 123-45-6780')[0]!;
    const near = detectPii('my SSN is 123-45-6780')[0]!;
    expect(near.score).toBeGreaterThan(plain.score);
    expect(spans('order 0491 570 156 shipped')).toEqual([]);
    expect(spans('phone 0491 570 156')).toEqual([['PHONE_NUMBER', '0491 570 156']]);
    expect(spans('meeting on 1985-03-12')).toEqual([]);
  });

  it('filters by entity', () => {
    expect(spans('jane@example.com, 192.0.2.1', 'IP_ADDRESS')).toEqual([['IP_ADDRESS', '192.0.2.1']]);
  });

  it('finds an IBAN right after a token shaped like the start of one (a failed candidate does not hide it)', () => {
    const text = 'key fae0123456789ebcdfae0123456789eb-us21 nl91abna0417164300 (lower case)';
    const found = detectPii(text).filter((f) => f.entity === 'IBAN');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['nl91abna0417164300']);
  });
  it('reports spans in the original text after non-ASCII characters', () => {
    const text = 'Grüße — 📞 +44 20 7946 0958';
    expect(spans(text)).toEqual([['PHONE_NUMBER', '+44 20 7946 0958']]);
  });

  it('the default scan carries PII findings with their entity', () => {
    const { findings, categories } = scan('card 5555 5555 5555 4444');
    expect(findings.find((f) => f.category === 'pii')?.entity).toBe('CREDIT_CARD');
    expect(categories['pii']).toBeGreaterThan(0.8);
  });
});
