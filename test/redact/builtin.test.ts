import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../../src/builtins.js';
import { compile } from '../../src/engine/engine.js';
import { PackSchema } from '../../src/engine/pack.js';
import { createRedactor, hash, placeholder, pseudonym } from '../../src/redact/index.js';
import { labelOf } from '../../src/redact/label.js';
import { through, withCuts } from './fixtures.js';

const packs = BUILTIN_PACKS.map((p) => PackSchema.parse(p)).filter((p) => p.rules.some((r) => r.category === 'secret' || r.category === 'pii'));
const rules = packs.flatMap((p) => p.rules.filter((r) => r.category === 'secret' || r.category === 'pii').map((r) => ({ pack: p.id, rule: r })));
const engine = compile(BUILTIN_PACKS);
// Every rule, the multi-kilobyte ones (private keys, tokens) too: they hold back only from their literals.
const examples = rules.flatMap(({ rule }) => rule.examples.positive.map((e) => e.text));
const fillers = ['Sure, here it is:', 'thanks', '\n', 'the key is', 'email me at', 'ok'];
const textOf = (separators: readonly string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...examples, ...fillers), fc.constantFrom(...separators)), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.map(([p, s]) => p + s).join(''));
const textArb = textOf([' ', '\n', ', ']);
/**
 * Examples one per line or after a comma. With a single space between two examples, a candidate
 * that spans both and fails its validator can hide a valid value inside it (the finder takes the
 * leftmost, longest candidate: `001-202-555-0147 1-800-555-0111` as one phone number that is too
 * long), and redacting the other value then uncovers it: redaction is idempotent only where
 * values do not run into each other. A known limit, reported on issue 2.
 */
const separatedTextArb = textOf(['\n', ', ']);

describe('with the built-in secret and PII packs', () => {
  it('has secret and PII rules, every one bounded', () => {
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.filter(({ rule }) => rule.maxLength === undefined)).toEqual([]);
    expect(() => createRedactor({ engine }).stream()).not.toThrow();
  });

  it('no rule matches our own placeholders, pseudonyms or hashes, alone or in a sentence', () => {
    const labels = [...new Set(rules.map(({ rule }) => labelOf(rule)))];
    for (const label of labels) {
      for (const token of [`[${label}_1]`, `[${label}_2048]`, `[${label}:0123456789abcdef]`]) {
        const hits = engine.scan(`Your ${label.toLowerCase()} is ${token}. key=${token} "${token}"`, { categories: ['secret', 'pii'] }).findings;
        expect(hits, token).toEqual([]);
      }
    }
  });

  it('for any text of pack examples and any split, the stream output equals the whole-text redaction', async () => {
    const redactor = createRedactor({ engine, key: 'k', operators: { byCategory: { secret: hash() }, default: placeholder() } });
    await fc.assert(
      fc.asyncProperty(withCuts(textArb), async ({ text, chunks }) => {
        const whole = await redactor.redact(text);
        expect((await through(redactor.stream(), chunks)).join('')).toBe(whole.text);
      }),
      { numRuns: 100 },
    );
  });

  it('for any text of pack examples apart from each other, no value the scan finds survives, redaction is idempotent, and pseudonyms restore', async () => {
    const redactor = createRedactor({ engine, operators: { default: pseudonym() } });
    await fc.assert(
      fc.asyncProperty(separatedTextArb, async (text) => {
        const once = await redactor.redact(text);
        for (const f of once.findings) {
          const value = text.slice(f.start, f.end);
          expect(once.replacements.some((r) => r.start <= f.start && f.end <= r.end), value).toBe(true);
        }
        expect((await redactor.redact(once.text, { scope: once.scope })).text).toBe(once.text);
        expect(await redactor.restore(once.text, once.scope)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
