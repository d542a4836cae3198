import { LRUCache } from 'lru-cache';
import RE2 from 're2';
import { InputTooLargeError, InvalidInputError, PatternError } from '../errors.js';
import { literal } from '../text/literal.js';
import { toOriginal, type TextView, type ViewName } from '../text/view.js';
import { textViews, type Views } from '../text/views.js';
import { BUILTIN_VALIDATORS } from '../validators/index.js';
import type { Validator } from '../validators/types.js';
import { combineScores, compareFindings, type Finding, type ScanResult } from './finding.js';
import { loadPack, type LoadedRule } from './load.js';
import { DEFAULT_SCORE } from './pack.js';
import { byteToUtf16Map } from './utf8.js';

const VIEWS: readonly ViewName[] = ['raw', 'clean', 'fold'];

type RE2Set = InstanceType<typeof RE2.Set>;

/** Candidates a rule may try per accepted finding before it gives up on a view. */
const CANDIDATE_FACTOR = 16;

/** Options fixed when packs are compiled. */
export interface CompileOptions {
  /** Validators rules may name, on top of (and overriding) the built-in ones. */
  validators?: Readonly<Record<string, Validator>>;
  /** Rule ids (`pack/rule`) or categories to leave out. */
  disable?: readonly string[];
}

/** Options of one scan. */
export interface ScanOptions {
  /** A text score at or above this flags it. Default 0.5. */
  threshold?: number;
  /** Longest text accepted, in UTF-16 units; longer input throws `PW_INPUT_TOO_LARGE`. Default 4,000,000. */
  maxChars?: number;
  /** At most this many matches per rule and view, so digit-heavy text cannot make a scan crawl. Default 64. */
  maxMatchesPerRule?: number;
  /** Only rules of these categories run. Default: all. */
  categories?: readonly string[];
}

/** Pack ids and rule counts of an engine, for diagnostics. */
export interface EngineInfo {
  packs: string[];
  rules: number;
}

/** A group of rules scanned together on one view: one RE2.Set per family, plus keyword-gated rules. */
interface Plan {
  /** False when no rule runs on this view: it is not even built. */
  used: boolean;
  sets: { set: RE2Set; rules: LoadedRule[] }[];
  keywordSet: RE2Set | null;
  /** For each keyword of `keywordSet`, the rules it gates. */
  keywordRules: LoadedRule[][];
}

/**
 * Compiled packs, ready to scan many texts. Compiling is the expensive part (RE2 automata);
 * keep one engine and reuse it.
 */
export class Engine {
  readonly rules: readonly LoadedRule[];
  private readonly plans = new Map<string, Plan>();

  constructor(rules: LoadedRule[]) {
    this.rules = rules;
  }

  /** The packs and number of rules compiled in. */
  info(): EngineInfo {
    return { packs: [...new Set(this.rules.map((r) => r.pack))], rules: this.rules.length };
  }

  /**
   * Scans `text` with every rule on the views the rule asks for.
   *
   * @throws InvalidInputError when `text` is not a string.
   * @throws InputTooLargeError when it is longer than `maxChars`.
   */
  scan(text: string, options: ScanOptions = {}): ScanResult {
    if (typeof text !== 'string') {
      throw new InvalidInputError(`scan expects a string, got ${text === null ? 'null' : typeof text}`);
    }
    const maxChars = options.maxChars ?? 4_000_000;
    if (text.length > maxChars) {
      throw new InputTooLargeError(`text has ${text.length} characters; the limit is ${maxChars}`);
    }
    const findings = this.findAll(textViews(text), options);
    const categories = combineScores(findings);
    const score = Math.max(0, ...Object.values(categories));
    return { findings, categories, score, flagged: score >= (options.threshold ?? 0.5) };
  }

  /** The findings of every rule on `views`, deduplicated and in text order. */
  findAll(views: Views, options: ScanOptions = {}): Finding[] {
    const cap = options.maxMatchesPerRule ?? 64;
    const only = options.categories === undefined ? '' : [...new Set(options.categories)].sort().join('\u0000');
    const scanned: TextView[] = [];
    const found = new Map<string, Finding>();
    for (const name of VIEWS) {
      // A view no enabled rule runs on is never built.
      if (!this.plan(name, 0, only).used) continue;
      const view = views.get(name);
      // A view equal to one already scanned only needs the rules that did not run there.
      let same = 0;
      for (const v of scanned) if (v.text === view.text) same |= 1 << VIEWS.indexOf(v.name);
      scanned.push(view);
      const plan = this.plan(name, same, only);
      if (!plan.used) continue;
      const buf = Buffer.from(view.text, 'utf8');
      const hits = new Set<LoadedRule>();
      for (const { set, rules } of plan.sets) for (const i of set.match(buf)) hits.add(rules[i]!);
      if (plan.keywordSet !== null) {
        for (const i of plan.keywordSet.match(buf)) for (const r of plan.keywordRules[i]!) hits.add(r);
      }
      if (hits.size === 0) continue;
      const toUtf16 = buf.length === view.text.length ? null : byteToUtf16Map(view.text, buf.length);
      for (const rule of hits) {
        for (const f of this.exec(rule, view, buf, toUtf16, cap)) {
          const key = `${f.ruleId}\u0000${f.start}\u0000${f.end}`;
          const prev = found.get(key);
          if (prev === undefined || f.score > prev.score) found.set(key, f);
        }
      }
    }
    return [...found.values()].sort(compareFindings);
  }

  /**
   * Spans of one rule on one view: at most `cap` accepted findings, and at most
   * {@link CANDIDATE_FACTOR}× as many candidates tried, so a text full of near-misses (numbers
   * that fail a checksum) cannot hide a real match behind the cap, nor make a scan crawl.
   */
  private exec(rule: LoadedRule, view: TextView, buf: Buffer, toUtf16: Int32Array | null, cap: number): Finding[] {
    const { find, capture, rule: r } = rule;
    const out: Finding[] = [];
    find.lastIndex = 0;
    for (let tried = 0; out.length < cap && tried < cap * CANDIDATE_FACTOR; tried++) {
      const m = find.exec(buf);
      if (m === null) break;
      const matchStart = m.index;
      const matchEnd = matchStart + (m[0] as unknown as Buffer).length;
      if (matchEnd === matchStart) {
        find.lastIndex = matchEnd + 1;
        continue;
      }
      let span: readonly [number, number] | undefined = [matchStart, matchEnd];
      if (capture !== null) {
        // The capturing pattern, anchored where the finder matched, finds the same match.
        capture.lastIndex = matchStart;
        const c = capture.exec(buf) as (RegExpExecArray & { indices: RegExpIndicesArray }) | null;
        span = c === null ? undefined : typeof r.group === 'number' ? c.indices[r.group] : c.indices.groups?.[r.group!];
      }
      if (span === undefined) continue;
      const vs = toUtf16 === null ? span[0] : toUtf16[span[0]]!;
      const ve = toUtf16 === null ? span[1] : toUtf16[span[1]]!;
      if (ve <= vs) continue;
      // A declared bound is a promise streams rely on: a longer match is not this rule's.
      if (r.maxLength !== undefined && toOriginalLength(view, vs, ve) > r.maxLength) continue;
      let score = r.score ?? DEFAULT_SCORE[r.severity];
      // Context first: it is cheap, and a required word that is absent spares the validators.
      if (r.context !== undefined) {
        const near = nearWords(view.text, vs, ve, r.context.window, r.context.words);
        if (!near && r.context.required) continue;
        if (near) score = Math.min(1, score + r.context.boost);
      }
      const value = view.text.slice(vs, ve);
      const ctx = { text: view.text, start: vs, end: ve };
      if (!rule.validators.every(({ fn, arg }) => fn(value, arg, ctx))) continue;
      const [start, end] = toOriginal(view, vs, ve);
      const finding: Finding = { ruleId: rule.id, category: r.category, severity: r.severity, score, start, end, view: view.name };
      if (r.entity !== undefined) finding.entity = r.entity;
      out.push(finding);
    }
    return out;
  }

  /**
   * The rules to run on `view` when it equals the views in bitmask `same`, limited to the
   * categories in `only` (NUL-joined, empty for all), compiled once and cached.
   */
  private plan(view: ViewName, same: number, only: string): Plan {
    const key = `${view}:${same}:${only}`;
    let plan = this.plans.get(key);
    if (plan !== undefined) return plan;
    const categories = only === '' ? null : new Set(only.split('\u0000'));
    const rules = this.rules.filter(
      (r) =>
        r.rule.views.includes(view) &&
        !r.rule.views.some((v) => (same & (1 << VIEWS.indexOf(v))) !== 0) &&
        (categories === null || categories.has(r.rule.category)),
    );
    const families = new Map<string, LoadedRule[]>();
    const keywords = new Map<string, LoadedRule[]>();
    for (const r of rules) {
      // A rule that needs a context word can only report when one occurs somewhere in the text,
      // so its words gate it like keywords: a text without them never pays for its matches.
      const gate = r.rule.keywords ?? (r.rule.context?.required === true ? r.rule.context.words : undefined);
      if (gate !== undefined) {
        for (const k of gate) {
          const lower = k.toLowerCase();
          const list = keywords.get(lower) ?? [];
          list.push(r);
          keywords.set(lower, list);
        }
      } else {
        const list = families.get(r.family) ?? [];
        list.push(r);
        families.set(r.family, list);
      }
    }
    plan = {
      used: rules.length > 0,
      sets: [...families].map(([family, members]) => ({ set: buildSet(family, members.map((m) => m.setSource)), rules: members })),
      keywordSet: keywords.size === 0 ? null : buildSet('keywords', [...keywords.keys()].map(literal), 'i'),
      keywordRules: [...keywords.values()],
    };
    this.plans.set(key, plan);
    return plan;
  }
}

/** Length in the original text of a view span. */
function toOriginalLength(view: TextView, start: number, end: number): number {
  const [s, e] = toOriginal(view, start, end);
  return e - s;
}

/** Compiled Sets by their members, shared by engines compiled from the same packs. */
const sets = new LRUCache<string, RE2Set>({ max: 512 });

function buildSet(family: string, sources: string[], flags = ''): RE2Set {
  const key = `${flags}\u0000${sources.join('\u0000')}`;
  const cached = sets.get(key);
  if (cached !== undefined) return cached;
  try {
    const set = new RE2.Set(sources, flags);
    sets.set(key, set);
    return set;
  } catch (error) {
    throw new PatternError(family, undefined, `RE2.Set for family "${family}" failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function nearWords(text: string, start: number, end: number, window: number, words: readonly string[]): boolean {
  const around = (text.slice(Math.max(0, start - window), start) + ' ' + text.slice(end, end + window)).toLowerCase();
  return words.some((w) => around.includes(w.toLowerCase()));
}

/**
 * Validates and compiles packs into an {@link Engine}.
 *
 * @throws PatternError naming the pack, the rule and the reason when a pack is malformed
 * or RE2 cannot compile a rule (lookaround, backreferences).
 * @example
 * const engine = compile([myPack]);
 * engine.scan('some text').findings;
 */
export function compile(packs: readonly unknown[], options: CompileOptions = {}): Engine {
  const validators = { ...BUILTIN_VALIDATORS, ...options.validators };
  const disabled = new Set(options.disable ?? []);
  const rules: LoadedRule[] = [];
  const ids = new Set<string>();
  for (const pack of packs) {
    for (const rule of loadPack(pack, validators)) {
      if (ids.has(rule.id)) throw new PatternError(rule.pack, rule.rule.id, 'a pack with this id was loaded twice');
      ids.add(rule.id);
      if (disabled.has(rule.id) || disabled.has(rule.rule.category) || disabled.has(rule.pack)) continue;
      rules.push(rule);
    }
  }
  return new Engine(rules);
}
