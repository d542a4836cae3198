import { LRUCache } from 'lru-cache';
import RE2 from 're2';
import { PatternError } from '../errors.js';
import { asciiPattern } from './ascii.js';
import { deadBoundaries } from './boundary.js';
import { literal } from '../text/literal.js';
import { textViews } from '../text/views.js';
import type { Validator } from '../validators/types.js';
import { type Pack, PackSchema, type Rule, WORD_START } from './pack.js';

/** A word character as RE2's `\b` sees one: ASCII only. */
const ASCII_WORD = /[A-Za-z0-9_]/;

/**
 * Rules already compiled and checked, by their full definition, with their pattern as it reads
 * pure ASCII text: engines compiled from the same packs (a guard, the CLI, `scan`) share RE2
 * objects instead of compiling the same automata again. Sharing is safe because every use
 * resets `lastIndex` and runs synchronously.
 */
const checked = new LRUCache<string, Compiled>({ max: 4096 });

/**
 * A rule's RE2 objects, compiled on first use for the built-in packs (see
 * {@link withExamplesChecked}): most rules of a scan's Sets never hit, and compiling all of them
 * up front held about 50 MB. Other packs compile at load, so a bad pattern fails there.
 */
class Compiled {
  #find: RE2 | undefined;
  #capture: RE2 | null | undefined;
  #unless: RE2 | null | undefined;
  constructor(
    private readonly rule: Rule,
    find: RE2 | undefined,
    readonly ascii: string | null,
  ) {
    this.#find = find;
  }

  get find(): RE2 {
    return (this.#find ??= new RE2(nonCapturing(this.rule.pattern), `${this.rule.flags}g`));
  }

  get capture(): RE2 | null {
    if (this.#capture === undefined) this.#capture = this.rule.group === undefined ? null : new RE2(this.rule.pattern, `${this.rule.flags}yd`);
    return this.#capture;
  }

  get unless(): RE2 | null {
    if (this.#unless === undefined) this.#unless = this.rule.unless === undefined ? null : new RE2(nonCapturing(this.rule.unless), `${this.rule.flags}g`);
    return this.#unless;
  }
}

/** A rule ready to run: its RE2 object and its resolved validators. */
export interface LoadedRule {
  /** `pack/rule`. */
  id: string;
  pack: string;
  family: string;
  rule: Rule;
  /**
   * Global, with every group made non-capturing: finds whole matches on a view's Buffer. Without
   * submatches RE2 can answer from its DFA, several times faster than with them.
   */
  find: RE2;
  /** For rules with a `group`: sticky, with indices, run only at a match `find` found. */
  capture: RE2 | null;
  /** The rule's `unless` pattern, global, run only around a finding; null without one. */
  unless: RE2 | null;
  /**
   * The pattern {@link loosened}, with its flags inline: one member of an RE2.Set, which only
   * tells which rules may match; `find` then decides on the exact pattern.
   */
  setSource: string;
  /** {@link setSource} as it reads pure ASCII text (see `asciiPattern` in ascii.ts); null when the rule cannot match there. */
  asciiSetSource: string | null;
  validators: { fn: Validator; arg: string | undefined }[];
}

/** Packs whose examples the test suite runs: see {@link withExamplesChecked}. */
const examplesChecked = new WeakSet<object>();

/**
 * Marks `packs` (the built-in ones) as checked by the test suite (patterns compile, examples
 * pass), and returns them. Loading such a pack neither runs its rules on their examples again
 * nor compiles them: each rule's RE2 objects are built when a scan first needs them (all of
 * them up front held about 50 MB, most of it for rules a scan never gets to, and cost start-up
 * time). Every other pack, including a copy of one of these, is compiled and checked when it loads.
 */
export function withExamplesChecked<T extends object>(packs: readonly T[]): readonly T[] {
  for (const pack of packs) examplesChecked.add(pack);
  return packs;
}

/**
 * Validates a pack against {@link PackSchema} and compiles each rule with RE2.
 * Throws {@link PatternError} naming the pack, the rule and the reason.
 */
export function loadPack(input: unknown, validators: Readonly<Record<string, Validator>>): LoadedRule[] {
  const packId =
    typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string'
      ? (input as { id: string }).id
      : '(unnamed)';
  const parsed = PackSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const ruleIndex = first.path[0] === 'rules' && typeof first.path[1] === 'number' ? first.path[1] : undefined;
    const ruleId =
      ruleIndex === undefined ? undefined : String((input as Pack).rules[ruleIndex]?.id ?? `#${ruleIndex}`);
    throw new PatternError(packId, ruleId, `${first.path.join('.') || 'pack'}: ${first.message}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    });
  }
  const pack = parsed.data;
  const runExamples = !examplesChecked.has(input as object);
  const seen = new Set<string>();
  return pack.rules.map((rule) => {
    if (seen.has(rule.id)) throw new PatternError(pack.id, rule.id, 'duplicate rule id');
    seen.add(rule.id);
    return loadRule(pack, rule, validators, runExamples);
  });
}

/** Compiles a rule's finder and checks what RE2 and the examples can tell about it. */
function checkRule(pack: Pack, rule: Rule): RE2 {
  let re: RE2;
  try {
    new RE2(rule.pattern, rule.flags);
    re = new RE2(nonCapturing(rule.pattern), `${rule.flags}g`);
  } catch (error) {
    throw new PatternError(pack.id, rule.id, `RE2 cannot compile the pattern: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (re.test('')) throw new PatternError(pack.id, rule.id, 'the pattern matches the empty string');
  if (rule.unless !== undefined) {
    let unless: RE2;
    try {
      unless = new RE2(rule.unless, rule.flags);
    } catch (error) {
      throw new PatternError(pack.id, rule.id, `RE2 cannot compile the unless pattern: ${(error as Error).message}`, { cause: error });
    }
    if (unless.test('')) throw new PatternError(pack.id, rule.id, 'the unless pattern matches the empty string');
  }
  for (const [what, source] of [['pattern', rule.pattern], ['unless pattern', rule.unless]] as const) {
    const dead = source === undefined ? undefined : deadBoundaries(source)[0];
    if (dead !== undefined) {
      throw new PatternError(
        pack.id,
        rule.id,
        `the \\b at ${dead.at} of the ${what} stands beside ${dead.letters}: RE2's \\b knows only ASCII word characters, so beside a letter outside ASCII it never holds at a word's edge (leave it out there, or write \\B: beside such a letter it holds when no ASCII word character stands on the other side)`,
      );
    }
  }
  re.lastIndex = 0;
  if (typeof rule.group === 'number' && rule.group > groupCount(rule.pattern)) {
    throw new PatternError(pack.id, rule.id, `group ${rule.group} does not exist in the pattern`);
  }
  if (typeof rule.group === 'string' && !new RegExp(`\\(\\?P?<${rule.group}>`).test(rule.pattern)) {
    throw new PatternError(pack.id, rule.id, `named group "${rule.group}" does not exist in the pattern`);
  }
  // Every match the pattern finds in the examples, validated or not, must begin with one of
  // startsWith and contain one of the keywords: the engine relies on both.
  const examples = [...rule.examples.positive.map((e) => e.text), ...rule.examples.negative];
  if (rule.startsWith !== undefined) {
    const heads = new RE2(`^(?:${rule.startsWith.map(literal).join('|')})`, 'i');
    // An exec loop on the compiled object: String#matchAll would clone (recompile) it per text.
    for (const text of examples) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (!heads.test(text.slice(m.index))) {
          throw new PatternError(pack.id, rule.id, `a match in example ${JSON.stringify(text.slice(0, 60))} does not begin with one of startsWith`);
        }
        if (m[0].length === 0) re.lastIndex++;
      }
    }
  }
  const [gap] = keywordGaps({ find: re, rule }, examples);
  if (gap !== undefined) throw new PatternError(pack.id, rule.id, `a match in the examples, ${JSON.stringify(gap.slice(0, 60))}, contains none of the keywords (or of alsoKeywords)`);
  re.lastIndex = 0;
  return re;
}

/**
 * How the keyword Set reads a rule's keywords, as its pattern reads text (see {@link lenient}):
 * on the text views `'` and `’` alike; on the fold view `i` and `l` alike; everywhere a space as
 * any run of white space, as patterns write the gaps between words (a keyword `social norm`
 * opens for `social\nnorms`).
 */
interface KeywordReading {
  apostrophes: boolean;
  iOrL: boolean;
}

function readingOf(rule: Pick<Rule, 'views'>): KeywordReading {
  return { apostrophes: rule.views.includes('clean') || rule.views.includes('fold'), iOrL: rule.views.includes('fold') };
}

/**
 * A keyword of `rule`, lower-cased, as a member of the keyword Set: a literal, held to a word
 * start when it begins with `\b`, read as {@link readingOf} says.
 */
export function keywordSource(keyword: string, rule: Pick<Rule, 'views'>): string {
  const { apostrophes, iOrL } = readingOf(rule);
  const word = keyword.startsWith(WORD_START) ? keyword.slice(WORD_START.length) : keyword;
  let source = literal(word);
  if (iOrL) source = source.replace(/[il]/g, '[il]');
  if (apostrophes) source = source.replace(/['’]/g, "['’]");
  return (word === keyword ? '' : '\\b') + source.replace(/ +/g, '\\s+');
}

/** Lower-cased text as the keyword Set reads it for a rule with `reading`, so that `includes` compares alike. */
function alike(s: string, { apostrophes, iOrL }: KeywordReading): string {
  let out = s.replace(/[\t\n\f\r ]+/g, ' ');
  if (iOrL) out = out.replaceAll('i', 'l');
  if (apostrophes) out = out.replaceAll('’', "'");
  return out;
}

/**
 * True when `matched` (lower-cased) holds `keyword` (lower-cased); a keyword marked `\b` must
 * start a word there, `before` being the character ahead of the match ('' at the start).
 */
function holdsKeyword(matched: string, before: string, keyword: string): boolean {
  if (!keyword.startsWith(WORD_START)) return matched.includes(keyword);
  const word = keyword.slice(WORD_START.length);
  for (let at = matched.indexOf(word); at !== -1; at = matched.indexOf(word, at + 1)) {
    if (!ASCII_WORD.test(at === 0 ? before : matched[at - 1]!)) return true;
  }
  return false;
}

function loadRule(pack: Pack, declared: Rule, validators: Readonly<Record<string, Validator>>, runExamples: boolean): LoadedRule {
  // On the text views, ' and ’ are one apostrophe; the fold view reads a leet `1` as `i`,
  // where the writer may have meant `l`. Keywords are read the same way (see keywordSource).
  const { apostrophes, iOrL } = readingOf(declared);
  const rule = apostrophes
    ? { ...declared, pattern: lenient(declared.pattern, iOrL), ...(declared.unless === undefined ? {} : { unless: lenient(declared.unless, iOrL) }) }
    : declared;
  // A rule loaded without running its examples does not vouch for a copy that asks for the run.
  const key = `${runExamples ? 'run' : 'skip'}:${JSON.stringify(rule)}`;
  let compiled = checked.get(key);
  if (compiled === undefined) {
    compiled = new Compiled(rule, runExamples ? checkRule(pack, rule) : undefined, asciiPattern(rule.pattern, rule.flags));
    // A capture pattern that does not compile fails at load too.
    if (runExamples) void compiled.capture;
    checked.set(key, compiled);
  }
  const resolved = (rule.validators ?? []).map((entry) => {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const fn = validators[name];
    if (fn === undefined) throw new PatternError(pack.id, rule.id, `unknown validator "${name}"`);
    return { fn, arg: colon < 0 ? undefined : entry.slice(colon + 1) };
  });
  const { ascii } = compiled;
  return {
    id: `${pack.id}/${rule.id}`,
    pack: pack.id,
    family: pack.family ?? pack.id,
    rule,
    get find() {
      return compiled.find;
    },
    get capture() {
      return compiled.capture;
    },
    get unless() {
      return compiled.unless;
    },
    setSource: setSourceOf(rule.pattern, rule.flags),
    asciiSetSource: ascii === null ? null : setSourceOf(ascii, rule.flags),
    validators: resolved,
  };
}

/** A rule's pattern {@link loosened}, with its flags inline, as a member of an RE2.Set. */
function setSourceOf(pattern: string, flags: string): string {
  return flags === '' ? loosened(pattern) : `(?${flags})(?:${loosened(pattern)})`;
}

/**
 * `pattern` rewritten piece by piece. Escapes (`\\n`, `\\pL`, `\\p{Greek}`, `\\x{41}`, `\\Q…\\E`)
 * and character classes are pieces of their own, which `piece` may rewrite (kept by default);
 * at every other position `step` returns what to write instead and how many characters that
 * replaces, or null to keep the character.
 */
function rewrite(pattern: string, step: (at: number) => [string, number] | null, piece: (text: string) => string = (t) => t): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '\\' || c === '[') {
      const end = c === '\\' ? escapeEnd(pattern, i) : classEnd(pattern, i);
      out += piece(pattern.slice(i, end));
      i = end;
      continue;
    }
    const replaced = step(i);
    if (replaced === null) {
      out += c;
      i++;
    } else {
      out += replaced[0];
      i += replaced[1];
    }
  }
  return out;
}

/** Index just past the escape that starts at `start`. */
function escapeEnd(pattern: string, start: number): number {
  const e = pattern[start + 1];
  const past = (close: string, from: number): number => {
    const at = pattern.indexOf(close, from);
    return at < 0 ? pattern.length : at + close.length;
  };
  if (e === 'Q') return past('\\E', start + 2);
  if ((e === 'p' || e === 'P' || e === 'x') && pattern[start + 2] === '{') return past('}', start + 3);
  if (e === 'p' || e === 'P') return Math.min(pattern.length, start + 3);
  if (e === 'x') return Math.min(pattern.length, start + 4);
  return Math.min(pattern.length, start + 2);
}

/** Index just past the character class that opens at `start`. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') i = pattern.indexOf(':]', i + 2) + 1;
    i++;
  }
  return Math.min(pattern.length, i + 1);
}

/** Apostrophes read alike: the typewriter one and the curly one (U+2019), which the views keep apart. */
const APOSTROPHES = "['’]";

/**
 * `pattern` with every apostrophe, `'` or `’`, read as either (outside character classes made
 * `['’]`, and a class that holds one gets the other), so a rule written with one finds text
 * typed with the other; and with `iOrL`, every literal `i` or `l` outside classes made `[il]`
 * (`[IL]` for capitals): a rule that runs on the fold view, where a leet `1` reads `i`, then
 * finds `persona1` and `ru1es` whichever letter the `1` stood for, without every rule spelling
 * `ru[il]es`. Escapes (`\\pL`, `\\x{…}`, `\\Q…\\E`), group headers (`(?i)`, `(?P<name>`) and
 * counts stay as they are.
 */
export function lenient(pattern: string, iOrL: boolean): string {
  return rewrite(
    pattern,
    (at) => {
      const c = pattern[at]!;
      // Group headers (`(?i)`, `(?P<name>`) and counts (`{2,5}`) stay as they are.
      if (c === '(' && pattern[at + 1] === '?') {
        const length = 2 + /^[^:)>]*[:)>]?/.exec(pattern.slice(at + 2))![0].length;
        return [pattern.slice(at, at + length), length];
      }
      if (c === '{') {
        const end = pattern.indexOf('}', at);
        return end < 0 ? null : [pattern.slice(at, end + 1), end + 1 - at];
      }
      if (c === "'" || c === '’') return [APOSTROPHES, 1];
      if (iOrL && (c === 'i' || c === 'l')) return ['[il]', 1];
      if (iOrL && (c === 'I' || c === 'L')) return ['[IL]', 1];
      return null;
    },
    (piece) => {
      if (piece === "\\'") return APOSTROPHES;
      // A class that holds one apostrophe gets the other.
      if (piece[0] === '[' && piece.includes("'") !== piece.includes('’')) return `${piece.slice(0, -1)}${piece.includes("'") ? '’' : "'"}]`;
      return piece;
    },
  );
}

/** `pattern` with every capturing group (numbered or named) made non-capturing. */
export function nonCapturing(pattern: string): string {
  return rewrite(pattern, (i) => {
    if (pattern[i] !== '(') return null;
    if (pattern[i + 1] !== '?') return ['(?:', 1];
    if (pattern.startsWith('(?P<', i) || (pattern.startsWith('(?<', i) && pattern[i + 3] !== '=' && pattern[i + 3] !== '!')) {
      return ['(?:', pattern.indexOf('>', i) - i + 1];
    }
    return null;
  });
}

/** Counted repetitions with an upper bound at least this far above the lower one are loosened. */
const LOOSE_SPAN = 6;

/**
 * `pattern` with every wide counted repetition made open-ended: `x{0,80}` becomes `x*`,
 * `x{1,40}` `x+`, `x{3,200}` `x{3,}`. It matches wherever `pattern` does, and its automaton is far
 * smaller: a bounded gap makes a DFA track every offset into it, and inside one Set those
 * offsets multiply with the other members' (measured on 1 MB of real prompts: one family's Set
 * at 9 MB/s exact, 290 MB/s loosened).
 */
export function loosened(pattern: string): string {
  return rewrite(pattern, (i) => {
    const m = pattern[i] === '{' ? /^\{(\d+),(\d+)\}/.exec(pattern.slice(i)) : null;
    if (m === null || Number(m[2]) - Number(m[1]) < LOOSE_SPAN) return null;
    return [m[1] === '0' ? '*' : m[1] === '1' ? '+' : `{${m[1]},}`, m[0].length];
  });
}

/** Number of capturing groups, counted by RE2 itself on a throwaway alternation. */
function groupCount(pattern: string): number {
  const m = new RE2(`${pattern}|()`).exec('');
  return m === null ? 0 : m.length - 2;
}

/**
 * The matches of a keyword-gated rule, in `texts` on the views it runs on, that hold none of its
 * keywords (or none of its `alsoKeywords`). The gate keeps the rule from running where no keyword
 * occurs, so such a match is never reported. Loading requires none in the rule's own examples; any
 * corpus can be checked.
 */
export function keywordGaps({ find, rule }: Pick<LoadedRule, 'find' | 'rule'>, texts: Iterable<string>): string[] {
  // Read as the keyword Set reads them (see keywordSource).
  const reading = readingOf(rule);
  const lists = [rule.keywords, rule.alsoKeywords].flatMap((list) => (list === undefined ? [] : [list.map((k) => alike(k.toLowerCase(), reading))]));
  if (lists.length === 0) return [];
  const gaps: string[] = [];
  for (const text of texts) {
    const views = textViews(text);
    for (const name of rule.views) {
      const view = views.get(name).text;
      find.lastIndex = 0;
      for (let m = find.exec(view); m !== null; m = find.exec(view)) {
        const matched = alike(m[0].toLowerCase(), reading);
        if (matched.length === 0) find.lastIndex++;
        else if (!lists.every((keywords) => keywords.some((k) => holdsKeyword(matched, m.index > 0 ? view[m.index - 1]! : '', k)))) gaps.push(m[0]);
      }
      find.lastIndex = 0;
    }
  }
  return gaps;
}
