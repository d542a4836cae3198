import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/engine.js';
import { createRedactor, hash, mask, placeholder, pseudonym, remove } from '../../src/redact/index.js';
import { PACK, spacedTextArb, textArb } from './fixtures.js';

const engine = compile([PACK]);

describe('redact', () => {
  it('numbers placeholders per distinct value in order of first appearance, the same value keeping its number', async () => {
    const r = createRedactor({ engine });
    const { text, replacements } = await r.redact('a@x.com, b@x.com, a@x.com; call 555-123-4567');
    expect(text).toBe('[EMAIL_1], [EMAIL_2], [EMAIL_1]; call [PHONE_NUMBER_1]');
    expect(replacements.map((x) => [x.start, x.end, x.label, x.operator])).toEqual([
      [0, 7, 'EMAIL', 'placeholder'],
      [9, 16, 'EMAIL', 'placeholder'],
      [18, 25, 'EMAIL', 'placeholder'],
      [32, 44, 'PHONE_NUMBER', 'placeholder'],
    ]);
  });

  it('chooses the operator by entity, then category, then default', async () => {
    const r = createRedactor({
      engine,
      operators: { byEntity: { PHONE_NUMBER: remove() }, byCategory: { secret: mask({ prefix: 3, suffix: 4 }) }, default: placeholder() },
    });
    const { text } = await r.redact('key sk-abcdefghij0123456789, call 555-123-4567, mail a@x.com');
    expect(text).toBe('key sk-…6789, call , mail [EMAIL_1]');
  });

  it('resolves overlapping findings to the longest, then the most severe, replacing their union', async () => {
    const r = createRedactor({ engine });
    // key-head (11, low) lies inside api-key (23, critical): the longer one names the span.
    expect((await r.redact('k sk-abcdefghij0123456789 z')).text).toBe('k [API_KEY_1] z');
    // key-head [0,11) and email [3,26) overlap: one span, named by the longer email.
    expect((await r.redact('sk-abcdefghann@example.com z')).text).toBe('[EMAIL_1] z');
    const same = {
      id: 'tie',
      rules: [
        { ...PACK.rules[3]!, id: 'low', entity: 'LOW', severity: 'low' as const },
        { ...PACK.rules[3]!, id: 'high', entity: 'HIGH', severity: 'high' as const },
      ],
    };
    expect((await createRedactor({ engine: compile([same]) }).redact('555-123-4567')).text).toBe('[HIGH_1]');
  });

  it('hashes with the key: stable across calls and redactors sharing it', async () => {
    const make = (key: string) => createRedactor({ engine, key, operators: { default: hash() } });
    const a = (await make('k1').redact('a@x.com')).text;
    expect(a).toMatch(/^\[EMAIL:[0-9a-f]{16}\]$/);
    expect((await make('k1').redact('mail a@x.com')).text).toBe(`mail ${a}`);
    expect((await make('k2').redact('a@x.com')).text).not.toBe(a);
  });

  it('keeps scopes apart: numbering starts over in a new scope and restore sees only its own', async () => {
    const r = createRedactor({ engine, operators: { default: pseudonym() } });
    const one = await r.redact('a@x.com', { scope: 'one' });
    const two = await r.redact('b@x.com', { scope: 'two' });
    expect([one.text, two.text]).toEqual(['[EMAIL_1]', '[EMAIL_1]']);
    expect(await r.restore('[EMAIL_1]', 'one')).toBe('a@x.com');
    expect(await r.restore('[EMAIL_1]', 'two')).toBe('b@x.com');
    expect(await r.restore('[EMAIL_1]', 'three')).toBe('[EMAIL_1]');
  });

  it('restores what models do to tokens, and leaves tokens never issued (or issued as placeholders) alone', async () => {
    const r = createRedactor({ engine, operators: { byEntity: { EMAIL: pseudonym() }, default: placeholder() } });
    const { scope } = await r.redact('a@x.com and 555-123-4567');
    const answer = 'To [email_1], [ EMAIL_1 ], EMAIL_1], Email_1; not email 1, [EMAIL_2], [PHONE_NUMBER_1], MY_EMAIL_1.';
    expect(await r.restore(answer, scope)).toBe(
      'To a@x.com, a@x.com, a@x.com, a@x.com; not email 1, [EMAIL_2], [PHONE_NUMBER_1], MY_EMAIL_1.',
    );
  });

  it('pseudonymize then restore gives back the original text, for any text', async () => {
    const r = createRedactor({ engine, operators: { default: pseudonym() } });
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        const { text: masked, scope } = await r.redact(text);
        expect(await r.restore(masked, scope)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('redaction is idempotent: redacting the redacted text changes nothing and finds nothing, for any text of separated values', async () => {
    // Without the required-context rule: a replacement shorter than its value moves a context
    // word closer, and a number too far from "pin" before can be near enough after.
    const local = compile([PACK], { disable: ['redact-fixture/pin'] });
    const ops = [placeholder(), pseudonym(), hash(), mask({ prefix: 3, suffix: 4 })];
    await fc.assert(
      fc.asyncProperty(spacedTextArb, fc.constantFrom(...ops), async (text, op) => {
        const r = createRedactor({ engine: local, operators: { default: op } });
        const once = await r.redact(text);
        const twice = await r.redact(once.text, { scope: once.scope });
        expect(twice.text).toBe(once.text);
        expect(twice.findings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a token in the text is neither matched nor read as a context word', async () => {
    const r = createRedactor({ engine });
    expect((await r.redact('order 482913 [PIN_1]')).text).toBe('order 482913 [PIN_1]');
    expect((await r.redact('order 482913 pin')).text).toBe('order [PIN_1] pin');
  });

  it('no rule of the pack matches our own tokens', () => {
    const tokens = ['API_KEY', 'KEY_HEAD', 'EMAIL', 'PHONE_NUMBER', 'PIN', 'PASSWORD'].flatMap((l) => [
      `[${l}_1]`,
      `[${l}_482913]`,
      `[${l}:0123456789abcdef]`,
    ]);
    for (const t of tokens) expect(engine.scan(`pin ${t} password=${t}`).findings).toEqual([]);
  });

  it('rejects restore without a scope, and non-string text', async () => {
    const r = createRedactor({ engine });
    await expect(r.redact('x', { restore: true })).rejects.toMatchObject({ code: 'PW_CONFIG' });
    await expect(r.redact(null as unknown as string)).rejects.toMatchObject({ code: 'PW_INVALID_INPUT' });
  });
});
