import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../../src/builtins.js';
import { compile } from '../../src/engine/engine.js';
import { PackSchema } from '../../src/engine/pack.js';
import { createRedactor, placeholder, pseudonym, redactStream } from '../../src/redact/index.js';
import { ANCHORED_PACK, anchoredTextArb, PACK, through, withCuts, collect, occurrences } from './fixtures.js';
import { maxMatchLength } from './max-length.js';

const engine = compile([PACK, ANCHORED_PACK]);
// Only long rules with startsWith: nothing else holds back, so the literals alone decide.
const anchoredOnly = compile([ANCHORED_PACK]);

describe('hold-back of rules with startsWith', () => {
  it('for any text and any split, the stream output equals the whole-text redaction', async () => {
    const redactors = [engine, anchoredOnly].map((e) => createRedactor({ engine: e, key: 'k', operators: { default: pseudonym() } }));
    await fc.assert(
      fc.asyncProperty(withCuts(anchoredTextArb), fc.boolean(), fc.constantFrom(...redactors), async ({ text, chunks }, web, redactor) => {
        const whole = await redactor.redact(text);
        const out = web ? await through(redactor.stream(), chunks) : await collect(redactStream(chunks, redactor));
        expect(out.join('')).toBe(whole.text);
      }),
      { numRuns: 300 },
    );
  });

  it('for a key split into many chunks, no value the whole-text scan finds appears in any emitted chunk', async () => {
    const setups = [engine, anchoredOnly].map((e) => ({ rules: e, redactor: createRedactor({ engine: e, operators: { default: placeholder() } }) }));
    const oneByOne = anchoredTextArb.map((text) => ({ text, chunks: [...text] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(withCuts(anchoredTextArb), oneByOne), fc.constantFrom(...setups), async ({ text, chunks }, { rules, redactor }) => {
        const out = await through(redactor.stream(), chunks);
        expect(out.join('')).toBe((await redactor.redact(text)).text);
        const found = rules.scan(text, { categories: ['secret', 'pii'] }).findings;
        const covered = (at: number, length: number): boolean => found.some((f) => f.start <= at && at + length <= f.end);
        // A value that also occurs where no rule finds it (no word boundary there) may rightly stay there.
        const values = found.map((f) => text.slice(f.start, f.end)).filter((v) => occurrences(text, v).every((at) => covered(at, v.length)));
        for (const value of values) for (const chunk of out) expect(chunk).not.toContain(value);
      }),
      { numRuns: 150 },
    );
  });

  it('holds back the short rules’ reach in plain text, and a long rule’s only from its literal', async () => {
    const pass = createRedactor({ engine }).pass();
    const prose = 'plain words with nothing to find in them at all, '.repeat(20);
    // Longest rule without startsWith 48, widest context 12, longest token '[PHONE_NUMBER_' + 9 digits + ']' 24; less one chunk.
    const bound = 48 + 12 + 24 + 3;
    for (let i = 0; i < prose.length; i += 4) {
      await pass.push(prose.slice(i, i + 4));
      expect(pass.held).toBeLessThanOrEqual(bound);
    }
    const key = '-----BEGIN PRIVATE KEY BLOCK-----\nQUJDREVGR0hJSktMTU5PUA==\nQUJDREVGR0hJSktMTU5PUA==\n-----END KEY-----';
    let out = '';
    for (const c of key.match(/[\s\S]{1,4}/g)!) {
      out += (await pass.push(c)).text;
      expect(out).not.toContain('-----BEGIN');
    }
    for (let i = 0; i < prose.length; i += 4) out += (await pass.push(prose.slice(i, i + 4))).text;
    expect(pass.held).toBeLessThanOrEqual(bound);
    expect(out).toContain('[KEY_BLOCK_1]');
  });

  it('ignores startsWith with a "#", which the redactor writes over its own tokens, and holds back maxLength', async () => {
    const hashed = compile([
      {
        id: 'hashed',
        rules: [{ ...ANCHORED_PACK.rules[1]!, pattern: '#k_[a-z0-9]{8,120}', group: undefined, startsWith: ['#k_'], examples: { positive: [{ text: '#k_abcdefgh', match: '#k_abcdefgh' }], negative: ['#k_'] } }],
      },
    ]);
    const pass = createRedactor({ engine: hashed }).pass();
    const prose = 'plain words with nothing to find in them at all, '.repeat(10);
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < prose.length; i += 4) {
      await pass.push(prose.slice(i, i + 4));
      if (i > 200) least = Math.min(least, pass.held);
    }
    expect(least).toBeGreaterThanOrEqual(125);
  });
});

describe('built-in rule bounds', () => {
  const rules = BUILTIN_PACKS.map((p) => PackSchema.parse(p)).flatMap((p) => p.rules.filter((r) => r.category === 'secret').map((r) => ({ id: `${p.id}/${r.id}`, rule: r })));

  it('every secret pattern is bounded by its maxLength, or unbounded behind a startsWith literal (the engine drops longer matches)', () => {
    const over = rules
      .filter(({ rule }) => {
        const longest = maxMatchLength(rule.pattern);
        return longest === Number.POSITIVE_INFINITY ? rule.startsWith === undefined : longest > rule.maxLength!;
      })
      .map(({ id, rule }) => `${id}: ${maxMatchLength(rule.pattern)} > ${rule.maxLength}`);
    expect(over).toEqual([]);
  });

  it('every secret rule longer than 600 characters has startsWith, except the one anchored to line starts', () => {
    const long = rules.filter(({ rule }) => rule.maxLength! > 600 && rule.startsWith === undefined).map(({ id }) => id);
    expect(long).toEqual(['secrets-registries/npmrc-auth']);
  });
});
