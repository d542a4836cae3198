import fc from 'fast-check';
import type { PackInput } from '../../src/engine/pack.js';

/**
 * A small pack with what makes streaming hard: `\b` anchors, a capture group with a prefix,
 * a required context word, two rules that overlap, and a PII rule beside secret rules.
 */
export const PACK: PackInput = {
  id: 'redact-fixture',
  rules: [
    {
      id: 'api-key',
      category: 'secret',
      entity: 'API_KEY',
      severity: 'critical',
      pattern: '\\bsk-[A-Za-z0-9]{20}\\b',
      maxLength: 23,
      examples: { positive: [{ text: 'key sk-abcdefghij0123456789', match: 'sk-abcdefghij0123456789' }], negative: ['sk-short'] },
    },
    {
      id: 'key-head',
      category: 'secret',
      entity: 'KEY_HEAD',
      severity: 'low',
      pattern: '\\bsk-[A-Za-z0-9]{8}',
      maxLength: 11,
      examples: { positive: [{ text: 'sk-abcdefgh', match: 'sk-abcdefgh' }], negative: ['sk-abc'] },
    },
    {
      id: 'email',
      category: 'pii',
      entity: 'EMAIL',
      severity: 'medium',
      pattern: '\\b[a-z0-9._]{1,20}@[a-z0-9]{1,20}\\.(?:com|org|net)\\b',
      maxLength: 48,
      examples: { positive: [{ text: 'mail ann@example.com', match: 'ann@example.com' }], negative: ['ann at example'] },
    },
    {
      id: 'phone',
      category: 'pii',
      entity: 'PHONE_NUMBER',
      severity: 'medium',
      pattern: '\\b\\d{3}-\\d{3}-\\d{4}\\b',
      maxLength: 12,
      examples: { positive: [{ text: 'call 555-123-4567', match: '555-123-4567' }], negative: ['555-1234'] },
    },
    {
      id: 'pin',
      category: 'pii',
      entity: 'PIN',
      severity: 'high',
      pattern: '\\b\\d{6}\\b',
      maxLength: 6,
      context: { words: ['pin'], window: 12, required: true },
      examples: { positive: [{ text: 'pin: 482913', match: '482913' }], negative: ['order 482913'] },
    },
    {
      id: 'password',
      category: 'secret',
      entity: 'PASSWORD',
      severity: 'high',
      pattern: 'password=([A-Za-z0-9]{6,16})',
      group: 1,
      maxLength: 25,
      examples: { positive: [{ text: 'password=hunter22', match: 'hunter22' }], negative: ['password=abc'] },
    },
  ],
};

/** A pack of one category we block but never redact. */
export const BLOCK_PACK: PackInput = {
  id: 'redact-block',
  rules: [
    {
      id: 'launch-code',
      category: 'forbidden',
      severity: 'critical',
      pattern: '\\bLAUNCH-[0-9]{4}\\b',
      maxLength: 11,
      examples: { positive: [{ text: 'LAUNCH-1234', match: 'LAUNCH-1234' }], negative: ['LAUNCH'] },
    },
  ],
};

/** Pieces a text is built from: values the pack finds, near misses, and filler. */
const PIECES = [
  'sk-abcdefghij0123456789',
  'sk-ZYXWVUTSRQ9876543210',
  'sk-abcdefgh',
  'sk-abcdefghij01234567890',
  'ann@example.com',
  'bo.b@mail.org',
  'ann@example.comx',
  '555-123-4567',
  '555-123-45678',
  'pin 482913',
  'pin: 000111',
  'order 482913',
  'password=hunter22',
  'password=abc',
  'PIN',
  'hello',
  'the',
  'x',
  '42',
  '-',
  '@',
  '.',
  '\n',
  'é',
  '😀',
];

/** Texts made of {@link PIECES} and separators, so values and near misses meet at every kind of join. */
export const textArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('', ' ', ' ', ', ', '\n', 'a', '_')), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/**
 * Texts of {@link PIECES} with a non-word separator between any two, so that no value is
 * glued to its neighbour. Redaction can only be idempotent here: where a value is glued to
 * a word character, replacing the neighbour with a token creates the word boundary that
 * the glued value lacked, and the second pass rightly finds it.
 */
export const spacedTextArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(' ', ', ', '\n', ' - ')), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** A text and cut points that split it into chunks (empty chunks included). */
export function withCuts(text: fc.Arbitrary<string>): fc.Arbitrary<{ text: string; chunks: string[] }> {
  return text.chain((t) =>
    fc.array(fc.integer({ min: 0, max: t.length }), { maxLength: 30 }).map((cuts) => ({ text: t, chunks: split(t, cuts) })),
  );
}

/** `text` cut at `cuts` (any order, repeats allowed). */
export function split(text: string, cuts: readonly number[]): string[] {
  const at = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(text.slice(from, c));
    from = c;
  }
  out.push(text.slice(from));
  return out;
}

/** Runs `chunks` through a TransformStream and collects what it emits. */
export async function through(stream: TransformStream<string, string>, chunks: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const source = new ReadableStream<string>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  const reader = source.pipeThrough(stream).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

/**
 * Long rules with `startsWith`: a key block whose literal has a prefix in common with a
 * near miss, and a token with a group and a terminator. A stream holds these back only
 * from where their literals start (or may still start, at the end of what arrived).
 */
export const ANCHORED_PACK: PackInput = {
  id: 'redact-anchored',
  rules: [
    {
      id: 'key-block',
      category: 'secret',
      entity: 'KEY_BLOCK',
      severity: 'critical',
      pattern: '-----BEGIN PRIVATE KEY BLOCK-----[A-Za-z0-9+/=\\s]{8,200}(?:-----END KEY-----)?',
      maxLength: 250,
      startsWith: ['-----BEGIN PRIVATE KEY BLOCK-----'],
      examples: {
        positive: [
          { text: 'k -----BEGIN PRIVATE KEY BLOCK-----\nQUJDREVGR0g=\n-----END KEY-----', match: '-----BEGIN PRIVATE KEY BLOCK-----\nQUJDREVGR0g=\n-----END KEY-----' },
        ],
        negative: ['-----BEGIN PRIVATE KEY BLOCKS-----\nQUJDREVGR0g=', '-----BEGIN PRIVATE KEY BLOCK-----'],
      },
    },
    {
      id: 'long-token',
      category: 'secret',
      entity: 'LONG_TOKEN',
      severity: 'high',
      pattern: '\\b(?P<s>tk_[a-z0-9]{8,120})(?:[^a-z0-9_]|$)',
      flags: 'i',
      group: 's',
      maxLength: 125,
      startsWith: ['tk_'],
      examples: { positive: [{ text: 'use tk_abcdefgh12 now', match: 'tk_abcdefgh12' }], negative: ['tk_short', 'xtk_abcdefgh12'] },
    },
  ],
};

const BODY = 'QUJDREVGR0hJSktMTU5PUA\n'.repeat(8);
const ANCHORED_PIECES = [
  '-----BEGIN PRIVATE KEY BLOCK-----',
  '-----BEGIN PRIVATE KEY BLOCK-----\nQUJDREVGR0hJSktMTU5PUA==\n-----END KEY-----',
  `-----BEGIN PRIVATE KEY BLOCK-----\n${BODY}-----END KEY-----`,
  `-----BEGIN PRIVATE KEY BLOCK-----${BODY}${BODY}`,
  '-----BEGIN PRIVATE KEY BLOCKS-----\nQUJDREVGR0hJ',
  '-----BEG',
  '-----BEGIN PRIVATE KEY BLO',
  '-----',
  BODY,
  'tk_abcdefgh12',
  `TK_${'abcdefgh1234567890'.repeat(6)}`,
  `tk_${'abcdefgh1234567890'.repeat(7)}`,
  'ſk_',
  'tk_',
  'xtk_abcdefgh12',
];

/** Texts of {@link PIECES} and of the anchored rules' values, partial literals and near misses. */
export const anchoredTextArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES, ...ANCHORED_PIECES, ...ANCHORED_PIECES), fc.constantFrom('', ' ', '\n', 'a', '-')), { maxLength: 30 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** Every index at which `value` occurs in `text`. */
export function occurrences(text: string, value: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) out.push(at);
  return out;
}

/** The pieces an async iterable yields, in order. */
export async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of source) out.push(piece);
  return out;
}
