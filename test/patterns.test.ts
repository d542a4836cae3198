import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile } from '../src/engine/engine.js';
import { holdsKeyword } from '../src/engine/load.js';
import { PackSchema } from '../src/engine/pack.js';
import { CANARY_PACK } from '../src/guard/canary.js';
import { textViews } from '../src/text/views.js';

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

describe('keyword gates', () => {
  // Loading checks a gated rule's keywords against its own examples. Here every example of every
  // pack stands in for other text: a match of a gated rule that holds none of its keywords would
  // never be reported, because the gate keeps the rule from running.
  it("every match of a gated rule in any pack example, on the rule's views, holds one of its keywords", () => {
    const engine = compile(PACKS, { validators });
    const texts = engine.rules.flatMap((r) => [...r.rule.examples.positive.map((e) => e.text), ...r.rule.examples.negative]);
    const gaps: string[] = [];
    let checked = 0;
    for (const r of engine.rules) {
      const keywords = r.rule.keywords?.map((k) => k.toLowerCase());
      if (keywords === undefined) continue;
      for (const text of texts) {
        const views = textViews(text);
        for (const name of r.rule.views) {
          const view = views.get(name).text;
          r.find.lastIndex = 0;
          for (let m = r.find.exec(view); m !== null; m = r.find.exec(view)) {
            checked++;
            const matched = m[0].toLowerCase();
            if (!keywords.some((k) => holdsKeyword(matched, m.index > 0 ? view[m.index - 1]! : '', k))) gaps.push(`${r.id}: ${JSON.stringify(m[0])}`);
          }
          r.find.lastIndex = 0;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(gaps).toEqual([]);
  });
});
