import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../../src/builtins.js';
import { compile } from '../../src/engine/engine.js';
import { asciiPattern } from '../../src/engine/ascii.js';

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

describe('asciiPattern', () => {
  it('leaves out the branches that need a character outside ASCII', () => {
    expect(asciiPattern('ignore|игнорируй')).toBe('ignore');
    expect(asciiPattern('(?:instrucciones|instrucción)\\s+previas')).toBe('(?:instrucciones)\\s+previas');
    expect(asciiPattern('(?:显示|输出)[^。\\n]{0,6}?系统提示')).toBeNull();
    expect(asciiPattern('a[αβ]b|c')).toBe('c');
    expect(asciiPattern('x\\p{Greek}+y|z')).toBe('z');
    expect(asciiPattern('x\\x{e9}|\\Qé\\E|w')).toBe('w');
    // `\u` escapes, as the re2 package reads them.
    expect(asciiPattern('a[^\\u0600-\\u06ff]b|\\u0628')).toBe('a[^\\u0600-\\u06ff]b');
  });

  it('keeps what can match ASCII: classes with an ASCII member, negated classes, properties with ASCII letters', () => {
    for (const p of ['[a-zé]+', '[^é]', '\\pL+', '\\PL', '\\p{^Greek}', '[\\p{^Han}]', '.', '\\S+', "don['’]t", '(?i)[ſ]']) expect(asciiPattern(p)).toBe(p);
  });

  it('drops an optional piece that cannot match and keeps the rest', () => {
    expect(asciiPattern('a(?:é)?b')).toBe('ab');
    expect(asciiPattern('a(?:ü|u)+b')).toBe('a(?:u)+b');
    expect(asciiPattern('a(?:ü){2}b|c')).toBe('c');
  });

  it('reads ſ and the Kelvin sign as ASCII letters when case is ignored, as RE2 does', () => {
    expect(asciiPattern('paſs', 'i')).toBe('paſs');
    expect(asciiPattern('(?i:\u212aey)')).toBe('(?i:\u212aey)');
    expect(asciiPattern('paſs')).toBeNull();
  });

  it('returns a pattern it cannot read as it is', () => {
    expect(asciiPattern('a(?i)é|b')).toBe('a(?i)é|b');
    expect(asciiPattern('(unclosed')).toBe('(unclosed');
  });

  it('matches exactly what a generated pattern matches, in ASCII text', () => {
    const leaf = fc.constantFrom('a', 'b', 'é', 'ж', 'K', 'ſ', '\\s', '\\b', '.', '[aé]', '[éж]', '[^a]', '\\pL', '\\p{Greek}', '\\p{^Greek}', '\\x{e9}', '\\x41', '\\Qé\\E', '\\Qab\\E', '[а-я]', '[\\x{430}-\\x{44f}]', '^', '$');
    const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('node'), tie('node')).map(([x, y]) => `${x}${y}`),
        fc.tuple(tie('node'), tie('node')).map(([x, y]) => `(?:${x}|${y})`),
        fc.tuple(tie('node'), fc.constantFrom('?', '*', '+', '{2}', '{0,3}', '{1,2}?')).map(([x, q]) => `(?:${x})${q}`),
        tie('node').map((x) => `(?i:${x})`),
        tie('node').map((x) => `(${x})`),
      ),
    })).node as fc.Arbitrary<string>;
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'k', 'K', 's', 'S', ' ', '1', '.', '\n'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i'), fc.array(text, { minLength: 1, maxLength: 6 }), (p, flags, texts) => {
        const ascii = asciiPattern(p, flags);
        const whole = new RE2(p, `${flags}u`);
        const part = ascii === null ? null : new RE2(ascii, `${flags}u`);
        for (const t of texts) expect(part === null ? false : part.test(t), `${p} -> ${ascii} on ${JSON.stringify(t)}`).toBe(whole.test(t));
      }),
      { numRuns: 400, seed: 9 },
    );
  });

  it('matches exactly what the built-in rules match, in ASCII text', () => {
    const rules = compile(BUILTIN_PACKS).rules;
    const cases = rules.flatMap((r) => {
      const ascii = asciiPattern(r.rule.pattern, r.rule.flags);
      if (ascii === r.rule.pattern) return [];
      // Pieces of the rule's own examples, so that generated texts match it now and then.
      const pieces = r.rule.examples.positive.flatMap((e) => [e.text, e.match]).map((t) => t.replace(/[^\x00-\x7f]/g, '')).filter((t) => t.length > 0);
      return [{ id: r.id, whole: new RE2(r.rule.pattern, `${r.rule.flags}u`), ascii: ascii === null ? null : new RE2(ascii, `${r.rule.flags}u`), pieces }];
    });
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      const text = fc.oneof(
        fc.string({ unit: fc.constantFrom(...c.pieces, ' ', 'a', '1', '.', '\n'), maxLength: 6 }).map((parts) => parts),
        fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((n) => String.fromCharCode(n)), maxLength: 40 }),
      );
      fc.assert(
        fc.property(text, (t) => {
          expect(isAscii(t)).toBe(true);
          expect(c.ascii === null ? false : c.ascii.test(t), `${c.id} on ${JSON.stringify(t)}`).toBe(c.whole.test(t));
        }),
        { numRuns: 60, seed: 5 },
      );
      for (const p of c.pieces) expect(c.ascii === null ? false : c.ascii.test(p), `${c.id} on ${JSON.stringify(p)}`).toBe(c.whole.test(p));
    }
  });
});

describe('engine on pure ASCII text', () => {
  const pack = {
    id: 'p',
    rules: [
      {
        id: 'mixed',
        category: 'c',
        severity: 'low',
        pattern: '(?:reveal|покажи)\\s+the\\s+key',
        flags: 'i',
        views: ['clean'],
        examples: { positive: [{ text: 'reveal the key', match: 'reveal the key' }], negative: ['x'] },
      },
      {
        id: 'cyrillic',
        category: 'c',
        severity: 'low',
        pattern: 'покажи\\s+ключ',
        views: ['clean'],
        examples: { positive: [{ text: 'покажи ключ', match: 'покажи ключ' }], negative: ['show the key'] },
      },
    ],
  };

  it('finds a rule by its ASCII branch in ASCII text and by its other branches in other text', () => {
    const engine = compile([pack]);
    expect(engine.scan('please reveal the key').findings.map((f) => f.ruleId)).toEqual(['p/mixed']);
    expect(engine.scan('ну, покажи the key и покажи ключ').findings.map((f) => f.ruleId).sort()).toEqual(['p/cyrillic', 'p/mixed']);
    // The ASCII scan again, after the other: each kind of text keeps its own Sets.
    expect(engine.scan('Reveal the key now').findings.map((f) => f.ruleId)).toEqual(['p/mixed']);
  });
});
