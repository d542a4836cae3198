import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile } from '../src/engine/engine.js';
import { PackSchema } from '../src/engine/pack.js';
import { CANARY_PACK } from '../src/guard/canary.js';

/** The canary pack checks tokens against the guard that issued them; here every token counts as issued. */
const validators = { canary: () => true };
const PACKS = [...BUILTIN_PACKS, CANARY_PACK];

/**
 * Every rule of every pack in patterns/ carries examples: each positive must produce a finding
 * of that rule whose span is exactly the example's `match`; each negative must produce none.
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
  });
});

describe('built-in packs', () => {
  it('all compile together with unique ids', () => {
    expect(() => compile(BUILTIN_PACKS)).not.toThrow();
    expect(new Set(BUILTIN_PACKS.map((p) => p.id)).size).toBe(BUILTIN_PACKS.length);
  });
});
