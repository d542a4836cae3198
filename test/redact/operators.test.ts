import { describe, expect, it } from 'vitest';
import { hash, mask, placeholder, pseudonym, remove } from '../../src/redact/index.js';

const key = Buffer.from('k');
const input = (value: string, index = 0) => ({ value, label: 'API_KEY', index, key });

describe('operators', () => {
  it('mask keeps the configured prefix and suffix', () => {
    const value = 'sk-4f1b9c2d7e8a0b3c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f3a9';
    expect(mask({ prefix: 3, suffix: 4 }).apply(input(value))).toBe('sk-…f3a9');
    expect(mask().apply(input('4111111111111111'))).toBe('…1111');
    expect(mask({ prefix: 2, suffix: 0, fill: '***' }).apply(input('abcdefgh'))).toBe('ab***');
  });

  it('mask never shows more than half of a value, nor splits a surrogate pair', () => {
    expect(mask({ prefix: 3, suffix: 4 }).apply(input('abcdefgh'))).toBe('a…fgh');
    expect(mask({ prefix: 3, suffix: 4 }).apply(input('ab'))).toBe('…b');
    expect(mask({ prefix: 1, suffix: 1 }).apply(input('😀😀😀😀'))).toBe('😀…😀');
  });

  it('placeholder and pseudonym write the numbered token; remove writes nothing', () => {
    expect(placeholder().apply(input('x', 3))).toBe('[API_KEY_3]');
    expect(pseudonym().apply(input('x', 1))).toBe('[API_KEY_1]');
    expect(placeholder().vault).toBe('number');
    expect(pseudonym().vault).toBe('keep');
    expect(remove().apply(input('secret'))).toBe('');
  });

  it('hash is the keyed HMAC-SHA-256, stable for one key and different across keys', () => {
    const h = hash({ length: 12 });
    const a = h.apply(input('sk-1'));
    expect(a).toMatch(/^\[API_KEY:[0-9a-f]{12}\]$/);
    expect(h.apply(input('sk-1'))).toBe(a);
    expect(h.apply({ ...input('sk-1'), key: Buffer.from('other') })).not.toBe(a);
    expect(hash().apply(input('sk-1'))).toMatch(/^\[API_KEY:[0-9a-f]{16}\]$/);
    expect(() => hash({ length: 4 })).toThrow(expect.objectContaining({ code: 'PW_CONFIG' }));
  });
});
