import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile } from '../src/engine/engine.js';
import { keywordGaps } from '../src/engine/load.js';
import { PackSchema } from '../src/engine/pack.js';
import { CANARY_PACK } from '../src/guard/canary.js';
import { DOCUMENT_PACKS } from '../src/scanners/injection/packs.js';
import { seeded } from '../src/testing/random.js';
import { base64Lines } from './helpers/filler.js';

/** The canary pack checks tokens against the guard that issued them; here every token counts as issued. */
const validators = { canary: () => true };
const PACKS = [...BUILTIN_PACKS, ...DOCUMENT_PACKS, CANARY_PACK];

/**
 * Every rule of every pack in patterns/ carries examples: each positive must produce a finding
 * of that rule whose span is exactly the example's `match`; each negative must produce none, and
 * a rule with `unless` has a negative that it spares.
 * Each rule is compiled alone so that its examples test it, not its neighbours.
 */
describe.each(PACKS.map((p) => [p.id, p] as const))('pack %s', (_id, input) => {
  const pack = PackSchema.parse(input);
  it.each(pack.rules.map((r) => [r.id, r] as const))('rule %s: positives match where they say, negatives do not', (_r, rule) => {
    const engine = compile([{ ...input, rules: [rule] }], { validators });
    const ruleId = `${pack.id}/${rule.id}`;
    for (const ex of rule.examples.positive) {
      const at = ex.text.indexOf(ex.match);
      expect(at, `positive example of ${ruleId} does not contain its match`).toBeGreaterThanOrEqual(0);
      const spans = engine
        .scan(ex.text)
        .findings.filter((f) => f.ruleId === ruleId)
        .map((f) => ex.text.slice(f.start, f.end));
      expect(spans, `${ruleId} on ${JSON.stringify(ex.text)}`).toContain(ex.match);
    }
    for (const text of rule.examples.negative) {
      const hits = engine.scan(text).findings.filter((f) => f.ruleId === ruleId);
      expect(hits, `${ruleId} must not match ${JSON.stringify(text)}`).toEqual([]);
    }
    if (rule.unless !== undefined) {
      // Some negative example shows what `unless` spares: the rule without it flags that text.
      const bare = compile([{ ...input, rules: [{ ...rule, unless: undefined }] }], { validators });
      expect(rule.examples.negative.some((text) => bare.scan(text).findings.some((f) => f.ruleId === ruleId)), `${ruleId}: no negative example needs unless`).toBe(true);
    }
  });
});

describe('built-in packs', () => {
  it('all compile together with unique ids', () => {
    expect(() => compile(BUILTIN_PACKS)).not.toThrow();
    expect(new Set(BUILTIN_PACKS.map((p) => p.id)).size).toBe(BUILTIN_PACKS.length);
  });
});

describe('keyword gates', () => {
  // Loading checks a gated rule's keywords against its own examples. Here every example of every
  // pack stands in for other text: a match of a gated rule that holds none of its keywords would
  // never be reported, because the gate keeps the rule from running.
  it("every match of a gated rule in any pack example, on the rule's views, holds one of its keywords", () => {
    const engine = compile(PACKS, { validators });
    const texts = engine.rules.flatMap((r) => [...r.rule.examples.positive.map((e) => e.text), ...r.rule.examples.negative]);
    const gated = engine.rules.filter((r) => r.rule.keywords !== undefined);
    expect(gated.length).toBeGreaterThan(100);
    expect(gated.flatMap((r) => keywordGaps(r, texts).map((m) => `${r.id}: ${JSON.stringify(m)}`))).toEqual([]);
    // About 15 s on a quiet machine: room for a loaded one.
  }, 120_000);
  it('in long texts of random base64, finds every gated rule that its first positive example sets off', () => {
    // Random base64 holds short keywords by chance, and long text takes other paths through the
    // engine (a hit rule's matches found from its loosened pattern past 64 KB). Each example, set
    // off in a short text of the same shape (a rule anchored at the start of the text is not),
    // still counts between 6 KB blocks of base64 in texts of 6 examples, past 32 KB each.
    const engine = compile(PACKS, { validators });
    const rand = seeded(17);
    const block = (size: number): string => base64Lines(size, rand);
    const batches: { text: string; ids: string[] }[] = [];
    let parts: string[] = [block(6144)];
    let ids: string[] = [];
    for (const r of engine.rules) {
      if (r.rule.keywords === undefined) continue;
      const part = `\n\n${r.rule.examples.positive[0]!.text}\n\n`;
      if (!engine.scan(block(200) + part + block(200)).findings.some((f) => f.ruleId === r.id)) continue;
      parts.push(part, block(6144));
      ids.push(r.id);
      if (ids.length === 6) {
        batches.push({ text: parts.join(''), ids });
        parts = [block(6144)];
        ids = [];
      }
    }
    expect(batches.length).toBeGreaterThan(60);
    const missed: string[] = [];
    for (const { text, ids: expected } of batches) {
      expect(text.length).toBeGreaterThan(32_768);
      const found = new Set(engine.scan(text).findings.map((f) => f.ruleId));
      missed.push(...expected.filter((id) => !found.has(id)));
    }
    expect(missed).toEqual([]);
  }, 120_000);
  it('finds a match that holds none of its keywords', () => {
    const [rule] = compile([{ id: 'k', rules: [{ id: 'r', category: 'test', severity: 'low', pattern: 'secret (?:word|code)', keywords: ['word'], examples: { positive: [{ text: 'secret word', match: 'secret word' }], negative: ['x'] } }] }]).rules;
    expect(keywordGaps(rule!, ['the secret code is', 'a secret word'])).toEqual(['secret code']);
  });
});
