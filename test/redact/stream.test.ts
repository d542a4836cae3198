import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/engine.js';
import { isPromptwardError } from '../../src/errors.js';
import { createRedactor, hash, mask, placeholder, pseudonym, redactStream } from '../../src/redact/index.js';
import { BLOCK_PACK, PACK, textArb, through, withCuts, collect, occurrences } from './fixtures.js';

const engine = compile([PACK, BLOCK_PACK]);
const KEY = 'stream-test-key';
const mixed = () =>
  createRedactor({
    engine,
    key: KEY,
    operators: { byEntity: { EMAIL: pseudonym(), PIN: hash() }, byCategory: { secret: mask({ prefix: 3, suffix: 4 }) }, default: placeholder() },
  });

describe('stream', () => {
  it('for any text and any split into chunks, the stream output equals the whole-text redaction', async () => {
    const redactor = mixed();
    await fc.assert(
      fc.asyncProperty(withCuts(textArb), fc.boolean(), async ({ text, chunks }, web) => {
        const whole = await redactor.redact(text);
        const out = web ? await through(redactor.stream(), chunks) : await collect(redactStream(chunks, redactor));
        expect(out.join('')).toBe(whole.text);
      }),
      { numRuns: 200 },
    );
  });

  it("holds back a rule's unless reach: an innocent context that arrives after a value still spares it", async () => {
    const phone = '\\b\\d{3}-\\d{3}-\\d{4}\\b';
    const pack = {
      id: 'unless-fixture',
      rules: [
        {
          id: 'phone',
          category: 'pii',
          entity: 'PHONE_NUMBER',
          severity: 'medium' as const,
          pattern: phone,
          maxLength: 12,
          unless: `${phone}\\s*\\(fax\\)`,
          examples: { positive: [{ text: 'call 555-123-4567', match: '555-123-4567' }], negative: ['555-123-4567 (fax)'] },
        },
      ],
    };
    const redactor = createRedactor({ engine: compile([pack]), operators: { default: placeholder() } });
    expect(await through(redactor.stream(), ['call 555-123-4567', ' or 555-765-4321 ', '(fax)'])).toEqual(['call [PHONE_NUMBER_1] or 555-765-4321 (fax)']);
    // The reach counts characters of the original text, as the hold-back does: invisible characters
    // the clean view drops do not stretch it past what the stream has received.
    const cleanPack = (unless: string) => ({ id: 'unless-clean', rules: [{ ...pack.rules[0]!, views: ['clean' as const], unless, examples: { positive: [{ text: 'call 555-123-4567', match: '555-123-4567' }], negative: ['555-123-4567 fax'] } }] });
    const z = '\u200b';
    const right = createRedactor({ engine: compile([cleanPack(`${phone}\\s+fax\\b`)]), operators: { default: placeholder() } });
    const a = [`call 555-123-4567 ${z.repeat(300)}fax`, 'es, not calls'];
    expect((await through(right.stream(), a)).join('')).toBe((await right.redact(a.join(''))).text);
    const left = createRedactor({ engine: compile([cleanPack(`\\bfax:\\s*${phone}`)]), operators: { default: placeholder() } });
    const b = [`telefax${z.repeat(600)}`, 'fax: 555-123-4567 ', 'x'.repeat(400)];
    expect((await through(left.stream(), b)).join('')).toBe((await left.redact(b.join(''))).text);
    const texts = fc
      .array(fc.tuple(fc.constantFrom('555-123-4567', '(fax)', 'call', 'x'.repeat(40)), fc.constantFrom('', ' ', '\n')), { maxLength: 20 })
      .map((parts) => parts.map(([p, sep]) => p + sep).join(''));
    await fc.assert(
      fc.asyncProperty(withCuts(texts), async ({ text, chunks }) => {
        expect((await through(redactor.stream(), chunks)).join('')).toBe((await redactor.redact(text)).text);
      }),
      { numRuns: 200 },
    );
  });

  it('counts a context window in characters of the original text, as the hold-back does', async () => {
    // The clean view drops the invisible characters: a window counted in its characters would
    // reach a context word that the stream emitted long before the value arrived.
    const pack = {
      id: 'context-fixture',
      rules: [
        {
          id: 'pin',
          category: 'pii',
          entity: 'PIN',
          severity: 'medium' as const,
          pattern: '\\b\\d{4}\\b',
          maxLength: 4,
          views: ['clean' as const],
          context: { words: ['pin'], window: 20, required: true },
          examples: { positive: [{ text: 'pin 1234', match: '1234' }], negative: ['year 1234 was long ago, really'] },
        },
      ],
    };
    const redactor = createRedactor({ engine: compile([pack]), operators: { default: placeholder() } });
    for (const gap of [' ', '\u200b'.repeat(400)]) {
      const chunks = [`my pin:${gap}`, ' 1234 ', 'x'.repeat(300)];
      expect((await through(redactor.stream(), chunks)).join('')).toBe((await redactor.redact(chunks.join(''))).text);
    }
    expect((await redactor.redact('my pin: 1234')).text).toBe('my pin: [PIN_1]');
  });

  it('for any split, no value the whole-text scan finds appears in any emitted chunk', async () => {
    const redactor = createRedactor({ engine, operators: { default: placeholder() } });
    await fc.assert(
      fc.asyncProperty(withCuts(textArb), async ({ text, chunks }) => {
        const out = await through(redactor.stream(), chunks);
        const found = engine.scan(text, { categories: ['secret', 'pii'] }).findings;
        const covered = (at: number, length: number): boolean => found.some((f) => f.start <= at && at + length <= f.end);
        // A value that also occurs where no rule finds it (no word boundary there) may rightly stay there.
        const values = found.map((f) => text.slice(f.start, f.end)).filter((v) => occurrences(text, v).every((at) => covered(at, v.length)));
        for (const value of values) {
          for (const chunk of out) expect(chunk).not.toContain(value);
          expect(out.join('')).not.toContain(value);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with restore, for any split the stream equals the whole-text redaction, and tokens it issued itself stay tokens', async () => {
    const redactor = createRedactor({ engine, key: KEY, operators: { default: pseudonym() } });
    const scope = (await redactor.redact('from ann@example.com and bo.b@mail.org, call 555-123-4567')).scope;
    const answer = fc
      .array(
        fc.constantFrom('[EMAIL_1]', 'email_2', '[ Email 1 ]', 'EMAIL_1]', '[EMAIL_9]', 'email 1', '[PHONE NUMBER_1]', 'x@y.com', ' ok ', 'sk-abcdefghij0123456789', '\n'),
        { maxLength: 20 },
      )
      .map((p) => p.join(' '));
    await fc.assert(
      fc.asyncProperty(withCuts(answer), async ({ text, chunks }) => {
        const whole = await redactor.redact(text, { scope, restore: true });
        const out = await through(redactor.stream({ scope, restore: true }), chunks);
        expect(out.join('')).toBe(whole.text);
        expect(whole.text).not.toContain('x@y.com');
        expect(whole.text).not.toMatch(/\[EMAIL_1\]|email_2|\[PHONE NUMBER_1\]/);
      }),
      { numRuns: 150 },
    );
  });

  it('holds back at most the longest match, context and token, and emits the rest of each chunk', async () => {
    const redactor = mixed();
    const pass = redactor.pass();
    const text = 'plain words with nothing to find in them at all, '.repeat(20);
    let emitted = 0;
    for (let i = 0; i < text.length; i += 4) {
      emitted += (await pass.push(text.slice(i, i + 4))).text.length;
      // Longest rule 48, widest context 12, longest token '[PHONE_NUMBER:' + 16 hex + ']' 31; less one chunk.
      expect(pass.held).toBeLessThanOrEqual(48 + 12 + 31 + 3);
    }
    emitted += (await pass.end()).text.length;
    expect(emitted).toBe(text.length);
  });

  it('errors the stream with PW_BLOCKED when a blocked category appears, after emitting the text before it', async () => {
    const redactor = mixed();
    const text = `${'safe text here. '.repeat(10)}now LAUNCH-1234 and more`;
    const chunks = text.match(/[\s\S]{1,4}/g)!;
    const out: string[] = [];
    const error = await through(redactor.stream({ block: ['forbidden'] }), chunks).catch((e: unknown) => e);
    expect(isPromptwardError(error) && error.code).toBe('PW_BLOCKED');
    expect((error as Error).message).not.toContain('LAUNCH-1234');
    const pieces = redactStream(chunks, redactor, { block: ['forbidden'] });
    await expect(
      (async () => {
        for await (const p of pieces) out.push(p);
      })(),
    ).rejects.toMatchObject({ code: 'PW_BLOCKED' });
    expect(out.join('')).not.toContain('LAUNCH');
    expect(out.join('').length).toBeGreaterThan(0);
    await expect(redactor.redact(text, { block: ['forbidden'] })).rejects.toMatchObject({ code: 'PW_BLOCKED', statusCode: 400 });
  });

  it('refuses to stream with a rule that has no maxLength, unless a default bound is given', async () => {
    const rule = PACK.rules[0]!;
    const { maxLength: _drop, ...unbounded } = rule;
    const loose = compile([{ id: 'loose', rules: [{ ...unbounded, id: 'no-bound' }] }]);
    const redactor = createRedactor({ engine: loose });
    expect(() => redactor.stream()).toThrow(expect.objectContaining({ code: 'PW_CONFIG', message: expect.stringContaining('loose/no-bound') }));
    expect((await redactor.redact('k sk-abcdefghij0123456789')).text).toBe('k [API_KEY_1]');
    const bounded = createRedactor({ engine: loose, defaultMaxLength: 64 });
    const out = await through(bounded.stream(), ['k sk-abcdefghij', '0123456789 end']);
    expect(out.join('')).toBe('k [API_KEY_1] end');
  });

  it('rejects a chunk that is not a string with PW_INVALID_INPUT', async () => {
    const pass = mixed().pass();
    await expect(pass.push(42 as unknown as string)).rejects.toMatchObject({ code: 'PW_INVALID_INPUT' });
  });
});
