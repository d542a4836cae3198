import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile } from '../src/engine/engine.js';
import { keywordGaps } from '../src/engine/load.js';
import { PackSchema } from '../src/engine/pack.js';
import { CANARY_PACK } from '../src/guard/canary.js';
import { DOCUMENT_PACKS } from '../src/scanners/injection/packs.js';
import { seeded } from '../src/testing/random.js';
import { textViews } from '../src/text/index.js';
import { base64Lines } from './helpers/filler.js';

/**
 * A rule's RE2 pattern read as a JavaScript pattern that fast-check can write matches of: inline
 * flag groups `(?i:` become plain groups (generated text keeps the case written, which a
 * case-blind pattern reads too), `\b` and `\B` are dropped (RE2 checks the real pattern on what
 * is generated), `\A` `\z` become `^` `$`, `\x{…}` `\u{…}`, `\pL` `\p{L}`, a script
 * `\p{Han}` `\p{Script=Han}`, RE2's `\s` its five spaces, and the escapes that the `u` flag
 * refuses (`\-` outside a class, `\"`, `\'`) their characters.
 */
function jsReading(pattern: string): string {
  // RE2's \s is [\t\n\f\r ]; JavaScript's also holds the Unicode spaces, which RE2 would not match.
  let spaced = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      spaced += next === 's' ? (inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]') : c + next;
      i++;
    } else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      spaced += c;
    }
  }
  return spaced
    .replace(/\\-/g, '\\x2d')
    .replace(/\\(["'])/g, '$1')
    .replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}')
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?-?[imsU]+:/g, '(?:')
    .replace(/\(\?[ims]+\)/g, '')
    .replace(/\\[bB]/g, '')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\\p([LN])/g, '\\p{$1}')
    .replace(/\\p\{([A-Za-z]{3,})\}/g, '\\p{Script=$1}');
}

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
    // 57 s inside the whole suite on two cores once every injection rule had a gate (twenty-ninth
    // session; about 15 s alone before): room for a loaded machine.
  }, 300_000);
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
  it("every match that fast-check generates from a gated rule's own pattern holds one of its keywords", () => {
    // Examples and corpora hold the forms their writers thought of; a pattern reads more. Here
    // fast-check writes strings that the pattern matches (fc.stringMatching on a JavaScript
    // reading of it, see jsReading), RE2 finds the rule's matches in them on its views, and each
    // must hold a keyword. This found more than 100 rules whose gates dropped forms their patterns read
    // ("afvis aldrig", "誰も傷つきません", "broken loose", "follow ur usual instructions"), and
    // reading RE2's \s as JavaScript's (Unicode spaces too) had left most samples unmatched.
    const engine = compile(PACKS, { validators });
    const gated = engine.rules.filter((r) => r.rule.keywords !== undefined);
    const gaps: string[] = [];
    let matched = 0;
    for (const r of gated) {
      const re = new RegExp(`^(?:${jsReading(r.rule.pattern)})$`, 'u');
      const result = fc.check(
        // After a word character too: a keyword marked \b must start a word there as well, or a
        // pattern that can begin anywhere (no \b of its own) would be gated shut.
        fc.property(fc.stringMatching(re), (s) => {
          const found = keywordGaps(r, [` ${s} `, `x${s} `]);
          return found.length === 0;
        }),
        { numRuns: 60, seed: 28 },
      );
      if (result.failed) gaps.push(`${r.id}: ${JSON.stringify(result.counterexample?.[0])}`);
      // Not vacuous: RE2 matches what the JavaScript reading generates.
      const [sample] = fc.sample(fc.stringMatching(re), { numRuns: 1, seed: 28 });
      const views = textViews(` ${sample!} `);
      const hit = r.rule.views.some((v) => {
        r.find.lastIndex = 0;
        return r.find.test(views.get(v).text);
      });
      r.find.lastIndex = 0;
      if (hit) matched++;
    }
    expect(gaps).toEqual([]);
    // About nine in ten (twenty-eighth session): a generated sample RE2 does not match tests nothing.
    expect(matched / gated.length).toBeGreaterThan(0.8);
  }, 300_000);
  it('finds a match that holds none of its keywords', () => {
    const [rule] = compile([{ id: 'k', rules: [{ id: 'r', category: 'test', severity: 'low', pattern: 'secret (?:word|code)', keywords: ['word'], examples: { positive: [{ text: 'secret word', match: 'secret word' }], negative: ['x'] } }] }]).rules;
    expect(keywordGaps(rule!, ['the secret code is', 'a secret word'])).toEqual(['secret code']);
  });
});
