import { describe, expect, it } from 'vitest';
import { notPublic } from '../../src/validators/not-public.js';

const at = (text: string, value: string) => {
  const start = text.lastIndexOf(value);
  return notPublic(value, undefined, { text, start, end: start + value.length });
};

describe('notPublic', () => {
  it('rejects values assigned to names that say they are public', () => {
    expect(at('NEXT_PUBLIC_API_KEY=abcdef0123456789', 'abcdef0123456789')).toBe(false);
    expect(at('DOTENV_PUBLIC_KEY="037cfbfc90234cfd"', '037cfbfc90234cfd')).toBe(false);
    expect(at('stripePublishableKey: "pk_0123456789"', 'pk_0123456789')).toBe(false);
  });

  it('keeps values of other names, looking only at the same line', () => {
    expect(at('API_KEY=abcdef0123456789', 'abcdef0123456789')).toBe(true);
    expect(at('# public docs\nSECRET_KEY=abcdef0123456789', 'abcdef0123456789')).toBe(true);
  });
});
