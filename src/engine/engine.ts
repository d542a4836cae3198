import { LRUCache } from 'lru-cache';
import RE2 from 're2';
import { InputTooLargeError, InvalidInputError, PatternError } from '../errors.js';
import { changedWindows, toOriginal, type TextView, type ViewName } from '../text/view.js';
import { textViews, type Views } from '../text/views.js';
import { BUILTIN_VALIDATORS } from '../validators/index.js';
import type { Validator } from '../validators/types.js';
import { combineScores, compareFindings, type Finding, type ScanResult } from './finding.js';
import { keywordSource, loadPack, nonCapturing, type LoadedRule } from './load.js';
import { DEFAULT_SCORE, UNLESS_REACH, WORD_START } from './pack.js';
import { skimData } from './skim.js';
import { byteToUtf16Map } from './utf8.js';

const VIEWS: readonly ViewName[] = ['raw', 'clean', 'fold'];

type RE2Set = InstanceType<typeof RE2.Set>;

/** Candidates a rule may try per accepted finding before it gives up on a view. */
const CANDIDATE_FACTOR = 16;

/**
 * How far, in characters of the fold view, a fold-view match of a rule that also runs on the
 * clean view is looked for around what folding changed. Such a rule's fold-view matches away
 * from every change are its clean-view matches, already found; so its Sets run on the fold view
 * only in windows of this reach around the changes, and a rule that matches there runs on the
 * whole fold view as before. A fold-view match longer than this that touches a change may go
 * unreported when nothing else of its rule matches near a change.
 */
const FOLD_REACH = 256;

/** Windows covering more than this share of the fold view give way to the whole view. */
const WHOLE_SHARE = 0.75;

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

/** Rules scanned together: one RE2.Set per family, plus keyword-gated rules. */
interface Group {
  sets: { set: RE2Set; rules: LoadedRule[] }[];
  /**
   * The rules of {@link sets} for a text up to {@link SHORT_TEXT} bytes, families together (chunked
   * alike, in fewer Sets): on a short text a pass costs about the same whatever the automaton, so
   * fewer passes cost less (2 KB of prose or real prompts: the pii and two secret families in
   * one Set 5 µs, in three 11 µs); on a long text the automaton that mixes kinds swells and
   * crawls (1 MB of base64 or PEM blocks at half the speed), so {@link sets} keep them apart.
   */
  shortSets: { set: RE2Set; rules: LoadedRule[] }[];
  /**
   * The keywords in two Sets: those that can occur in ASCII text, and the others, which a pure
   * ASCII text skips. Apart, each stays small: together, on varied real text, the automaton of
   * 2,800 keywords in a dozen scripts ran out of memory (a fresh megabyte of prompts: 240 ms as
   * one Set, 22 ms as these two).
   */
  keywordSets: { set: RE2Set; ascii: boolean; rules: LoadedRule[][]; also: LoadedRule[][] }[];
  /**
   * The gated rules again, in Sets by family (chunked like the others): when many rules of one
   * of these Sets are let through by their keywords, or the text is long, one pass of it tells
   * which of them match, where each would otherwise run its own search (see {@link FEW_CANDIDATES}).
   */
  gated: Map<LoadedRule, { set: RE2Set; index: number }>;
  /**
   * Rules of {@link sets} that need a context word (and name no keywords): their words are in the
   * keyword Sets too, and a hit of their Set counts only when one of them occurs in the text.
   */
  needsWord: ReadonlySet<LoadedRule>;
}

/** The rules to run on one text that one or more views share. */
interface Plan {
  /** Rules scanned on the whole text, all in one group, for a text without data blocks (most texts). */
  whole: Part | null;
  /**
   * For a text with data blocks ({@link skimData}), the same rules in two groups, built on first
   * use: those that run on the raw view or check a value with validators, on the whole text; and
   * those that read phrases (on the clean and fold views only, no validators), on the text with
   * the middle of each data block left out.
   */
  split?: { data: Part | null; phrases: Part | null };
  /** Whether a rule of {@link whole} reads phrases: only then is the text looked at for data blocks. */
  readsPhrases: boolean;
  /**
   * On a fold view that differs from the clean view: the rules that also run on the clean view
   * and depend on nothing but their match (no context words, no validators). They are looked for
   * only around what folding changed (see {@link FOLD_REACH}), with the Sets of the clean view's
   * plan, which hold them too and have just scanned the clean text: Sets of their own, run only
   * on the few texts that folding changes, were cold in memory there and cost a 2 KB text as much
   * as its whole scan of the clean view.
   */
  near: ReadonlySet<LoadedRule>;
  /** The view each rule reports on: the first of the shared views it runs on. */
  viewOf: Map<LoadedRule, ViewName>;
}

/** Rules whose Sets pass over one buffer. */
interface Part {
  /** The group of {@link members} for any text, built on first use: a pure ASCII workload never needs it. */
  group?: Group;
  /**
   * {@link group} for pure ASCII text, built on first use: each rule's Set member reduced to what
   * can match there (see `asciiPattern` in ascii.ts), and the ungated rules that cannot match there left out.
   */
  ascii?: Group;
  /** The rules of {@link group} and {@link ascii}, to build them from. */
  members: LoadedRule[];
}

/**
 * Compiled packs, ready to scan many texts. Compiling is the expensive part (RE2 automata);
 * keep one engine and reuse it.
 */
export class Engine {
  readonly rules: readonly LoadedRule[];
  private readonly plans = new Map<string, Plan>();
  /** By categories (as in {@link plan}): a bit per view of {@link VIEWS} that an enabled rule runs on. */
  private readonly viewsUsed = new Map<string, number>();

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
    // Views with the same text (pure ASCII: raw and clean) are scanned as one: one Buffer, and the
    // Sets of each family and the keyword Set hold the rules of all of them. Each rule reports on
    // its own view.
    const texts: { views: Map<ViewName, TextView>; mask: number }[] = [];
    const used = this.usedViews(only);
    for (const [i, name] of VIEWS.entries()) {
      // A view no enabled rule runs on is never built.
      if ((used & (1 << i)) === 0) continue;
      const view = views.get(name);
      const shared = texts.find((t) => t.views.values().next().value!.text === view.text);
      if (shared === undefined) texts.push({ views: new Map([[name, view]]), mask: 1 << i });
      else {
        shared.views.set(name, view);
        shared.mask |= 1 << i;
      }
    }
    const found = new Map<string, Finding>();
    const lowered = { text: '', lower: '' };
    const cleanMask = texts.find((t) => t.views.has('clean'))?.mask;
    for (const { views: same, mask } of texts) {
      const plan = this.plan(mask, only);
      const text = same.values().next().value!.text;
      const hits = new Set<LoadedRule>();
      let buf: Buffer | undefined;
      if (plan.whole !== null) {
        buf = Buffer.from(text, 'utf8');
        const ascii = buf.length === text.length;
        const skimmed = plan.readsPhrases ? skimData(text) : text;
        if (skimmed === text) partHits(plan.whole, buf, hits, false, ascii);
        else {
          plan.split ??= {
            data: part(plan.whole.members.filter((r) => !readsPhrases(r))),
            phrases: part(plan.whole.members.filter(readsPhrases)),
          };
          if (plan.split.data !== null) partHits(plan.split.data, buf, hits, false, ascii);
          if (plan.split.phrases !== null) partHits(plan.split.phrases, Buffer.from(skimmed, 'utf8'), hits, false, ascii);
        }
      }
      if (plan.near.size > 0) {
        // The near rules run on the clean view too, so the clean view's plan holds them.
        const cleanPlan = this.plan(cleanMask!, only);
        // Windows of FOLD_REACH and a character of context around what folding changed; when
        // they would cover most of the text, the whole text.
        const windows = changedWindows(views.get('clean'), same.get('fold')!, FOLD_REACH + 1, WHOLE_SHARE);
        if (windows === null) {
          buf ??= Buffer.from(text, 'utf8');
          const ascii = buf.length === text.length;
          if (cleanPlan.whole !== null) partHits(cleanPlan.whole, buf, hits, false, ascii, plan.near);
        } else if (windows.length > 0) {
          // The windows scanned as one text, a line break between them: a match inside a window
          // is still found, and one that spans two only sends its rule over the whole view.
          const parts: string[] = [];
          for (let i = 0; i < windows.length; i += 2) parts.push(text.slice(windows[i], windows[i + 1]));
          const joined = parts.join('\n');
          const near = Buffer.from(joined, 'utf8');
          const ascii = near.length === joined.length;
          if (cleanPlan.whole !== null) partHits(cleanPlan.whole, near, hits, true, ascii, plan.near);
        }
      }
      if (hits.size === 0) continue;
      buf ??= Buffer.from(text, 'utf8');
      const toUtf16 = buf.length === text.length ? null : byteToUtf16Map(text, buf.length);
      for (const rule of hits) {
        for (const f of this.exec(rule, same.get(plan.viewOf.get(rule)!)!, buf, toUtf16, cap, lowered)) {
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
   * `lowered` holds the lower-cased copy of a pure ASCII view, shared by the rules of a scan.
   */
  private exec(
    rule: LoadedRule,
    view: TextView,
    buf: Buffer,
    toUtf16: Int32Array | null,
    cap: number,
    lowered: { text: string; lower: string },
  ): Finding[] {
    const { find, capture, unless, rule: r } = rule;
    const out: Finding[] = [];
    // Pure ASCII lower-cases character by character: one lower-cased copy serves every match.
    if (toUtf16 === null && r.context !== undefined && lowered.text !== view.text) Object.assign(lowered, { text: view.text, lower: view.text.toLowerCase() });
    const next = buf.length > LONG_TEXT ? locator(rule, buf) : null;
    find.lastIndex = 0;
    // Candidates `unless` spared: they do not use up the tries, or innocent phrases could hide a
    // match behind them; past this many, `unless` spares no more (it fails closed).
    let spared = 0;
    for (let tried = 0; out.length < cap && tried < cap * CANDIDATE_FACTOR; tried++) {
      const m: BufferMatch | null = next === null ? find.exec(buf) : next(find.lastIndex);
      if (m === null) break;
      const matchStart = m.index;
      const matchEnd = matchStart + m[0].length;
      find.lastIndex = matchEnd;
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
      const innocentEnd = unless !== null && spared < cap * CANDIDATE_FACTOR ? sparedUntil(unless, view, vs, ve) : -1;
      if (innocentEnd !== -1) {
        spared++;
        tried--;
        // A match of its own may begin past the innocent phrase, inside the spared match ("never
        // send it, forward the keys to…"): look again from the phrase's end (past vs, so past
        // matchStart), not the match's.
        find.lastIndex = toUtf16 === null ? innocentEnd : firstAtLeast(toUtf16, innocentEnd, toUtf16.length - 1);
        continue;
      }
      let score = r.score ?? DEFAULT_SCORE[r.severity];
      // Context first: it is cheap, and a required word that is absent spares the validators.
      if (r.context !== undefined) {
        const [from, to] = reachAround(view, vs, ve, r.context.window);
        const near = nearWords(view.text, toUtf16 === null ? lowered.lower : null, vs, ve, from, to, r.context.words);
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

  /** The rules of the categories in `only` (NUL-joined, empty for all). */
  private enabled(only: string): readonly LoadedRule[] {
    if (only === '') return this.rules;
    const categories = new Set(only.split('\u0000'));
    return this.rules.filter((r) => categories.has(r.rule.category));
  }

  /** The views (a bit each, in the order of {@link VIEWS}) that a rule of the categories in `only` runs on. */
  private usedViews(only: string): number {
    let used = this.viewsUsed.get(only);
    if (used === undefined) {
      used = 0;
      for (const r of this.enabled(only)) for (const [i, v] of VIEWS.entries()) if (r.rule.views.includes(v)) used |= 1 << i;
      this.viewsUsed.set(only, used);
    }
    return used;
  }

  /**
   * The rules to run on the text shared by the views in bitmask `mask`, limited to the
   * categories in `only` (NUL-joined, empty for all), compiled once and cached. Every rule that
   * runs on one of the views runs once, reporting on the first of them it names.
   */
  private plan(mask: number, only: string): Plan {
    const key = `${mask}:${only}`;
    let plan = this.plans.get(key);
    if (plan !== undefined) return plan;
    const viewOf = new Map<LoadedRule, ViewName>();
    for (const r of this.enabled(only)) {
      const view = VIEWS.find((v, i) => (mask & (1 << i)) !== 0 && r.rule.views.includes(v));
      if (view !== undefined) viewOf.set(r, view);
    }
    // On a fold view that differs from the clean view, rules that ran on the clean view and
    // depend only on their match need looking for only around what folding changed.
    const windowed = (mask & (1 << VIEWS.indexOf('clean'))) === 0;
    const near = (r: LoadedRule): boolean =>
      windowed && viewOf.get(r) === 'fold' && r.rule.views.includes('clean') && r.rule.context === undefined && r.validators.length === 0;
    const rules = [...viewOf.keys()];
    const whole = rules.filter((r) => !near(r));
    plan = { whole: part(whole), readsPhrases: whole.some(readsPhrases), near: new Set(rules.filter(near)), viewOf };
    this.plans.set(key, plan);
    return plan;
  }
}

/**
 * True when `rule` reads phrases: it runs on the clean or fold view only and checks no value with
 * validators. Secrets, PII and canary tokens (raw view or validators) can sit inside data; phrases cannot.
 */
function readsPhrases(rule: LoadedRule): boolean {
  return !rule.rule.views.includes('raw') && rule.validators.length === 0;
}

/**
 * One Set per family (split when large, see {@link chunks}) for the views that share the text, and
 * keyword Sets gating the rules that name keywords (which have Sets of their own by family too)
 * and the rules of the family Sets that require context words. Families stay apart: patterns of
 * different kinds (fixed runs of key characters, phrases) make one automaton crawl on random
 * content where two do not.
 */
function group(rules: readonly LoadedRule[], ascii: boolean): Group {
  // For pure ASCII text (`ascii`), each rule's member as it reads such text. A rule with keywords
  // that cannot match there keeps its own: it stays gated by the same keyword Set as for any
  // text, which the two groups then share.
  const source = (r: LoadedRule): string => (ascii ? (r.asciiSetSource ?? r.setSource) : r.setSource);
  const families = new Map<string, LoadedRule[]>();
  const gatedFamilies = new Map<string, LoadedRule[]>();
  // Keyword Set members by their source (see keywordSource): whether they can occur in ASCII text,
  // the rules they gate, and the rules whose second gate (alsoKeywords) they open.
  const keywords = new Map<string, { ascii: boolean; rules: LoadedRule[]; also: LoadedRule[] }>();
  const needsWord = new Set<LoadedRule>();
  for (const r of rules) {
    // A rule that needs a context word can only report when one occurs somewhere in the text,
    // so its words gate it like keywords: a text without them never pays for its matches. It
    // stays a member of its family's Set, which runs anyway: on a text that holds a word, the
    // Set tells whether it matches, where a search of its own would cost a pass of its own
    // (2 KB of prose, where a phone or payment word is common: 0.96x the time).
    const words = r.rule.keywords === undefined && r.rule.context?.required === true ? r.rule.context.words : undefined;
    const gate = r.rule.keywords ?? words;
    // A rule of the Sets (no keywords) that needs a character outside ASCII cannot match pure ASCII text.
    if (ascii && r.rule.keywords === undefined && r.asciiSetSource === null) continue;
    if (words !== undefined) needsWord.add(r);
    const byFamily = r.rule.keywords === undefined ? families : gatedFamilies;
    const members = byFamily.get(r.family);
    if (members === undefined) byFamily.set(r.family, [r]);
    else members.push(r);
    for (const [list, also] of [[gate, false], [r.rule.alsoKeywords, true]] as const) {
      for (const k of list ?? []) {
        const lower = k.toLowerCase();
        const source = keywordSource(lower, r.rule);
        let entry = keywords.get(source);
        if (entry === undefined) keywords.set(source, (entry = { ascii: inAscii(lower), rules: [], also: [] }));
        (also ? entry.also : entry.rules).push(r);
      }
    }
  }
  const gated = new Map<LoadedRule, { set: RE2Set; index: number }>();
  const length = (r: LoadedRule): number => source(r).length;
  for (const members of [...gatedFamilies.values()].flatMap((f) => chunks(f, length, SET_SOURCE_BUDGET))) {
    const set = buildSet(members[0]!.family, members.map(source));
    members.forEach((r, index) => gated.set(r, { set, index }));
  }
  const budget = ascii ? ASCII_SET_SOURCE_BUDGET : SET_SOURCE_BUDGET;
  const sets = (byFamily: LoadedRule[][]): Group['sets'] =>
    byFamily.flatMap((f) => chunks(f, length, budget)).map((members) => ({ set: buildSet(members[0]!.family, members.map(source)), rules: members }));
  return {
    gated,
    needsWord,
    sets: sets([...families.values()]),
    shortSets: sets([[...families.values()].flat()]),
    keywordSets: [true, false].flatMap((asciiKeywords) =>
      keywordChunks([...keywords].filter(([, k]) => k.ascii === asciiKeywords)).map((mine) => ({
        set: buildSet('keywords', mine.map(([source]) => source), 'i'),
        ascii: asciiKeywords,
        rules: mine.map(([, k]) => k.rules),
        also: mine.map(([, k]) => k.also),
      })),
    ),
  };
}

/**
 * Longest sum of keyword sources in one keyword Set (see {@link keywordChunks}), each counted with
 * a character more. Past about 60,000, on a megabyte of real prompts, a Set's automaton outgrows
 * the memory RE2 gives it and crawls (the first 60,000 characters of the ASCII keywords: 15–17 ms
 * on two megabytes out of four, against 3–6 ms at 55,000; all of them as two Sets: 130 ms a
 * megabyte); under it, fewer Sets mean fewer passes
 * (the twenty-ninth session's 128,000 characters as three Sets against four, three full and one
 * of 2,000: 2 KB of prose 17.5 against 24.5 µs, of ASCII prompts 30 against 37, a megabyte of
 * them 10 against 12.5 ms).
 */
const KEYWORD_SET_BUDGET = 48_000;

/**
 * Keyword Set members in alphabetical order (a leading `\b` aside), cut into as few runs of about
 * equal length as keep each within {@link KEYWORD_SET_BUDGET}. One Set of every keyword outgrows the
 * memory RE2 gives its automaton: on varied text it keeps rebuilding its states (the Set of 4,700
 * ASCII keywords alone: 215 µs a benign prompt, 742 µs a 2 KB slice of prompts; as two Sets, 15 and
 * 28 µs). In alphabetical runs, keywords that share a beginning share a Set, so a word of the text
 * starts states in one of them, not in all.
 */
function keywordChunks<T>(members: [string, T][]): [string, T][][] {
  const byWord = members.map((member) => ({ member, word: member[0].startsWith(WORD_START) ? member[0].slice(WORD_START.length) : member[0] }));
  byWord.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return chunks(byWord.map(({ member }) => member), (member) => member[0].length + 1, KEYWORD_SET_BUDGET);
}

/** Longest sum of member sources in one Set: past it, a family's rules are split over several Sets. */
const SET_SOURCE_BUDGET = 8000;
/**
 * The same for the Sets of pure ASCII text, whose members leave out what needs other characters
 * (see `asciiPattern` in ascii.ts): twice as long a Set holds there, and fewer Sets mean fewer passes
 * (2 KB prose 0.87x the time at 16,000 against 8,000; 1 MB of prose, base64, hex, PEM and digit
 * groups 0.83–0.92x; 2 MB of the ASCII eval texts the same).
 */
const ASCII_SET_SOURCE_BUDGET = 16_000;

/**
 * `items` in consecutive chunks of about equal `length`, as few as keep each near `budget` or under
 * (an item is never split); none for none. Past {@link SET_SOURCE_BUDGET}, RE2's fixed memory for a
 * Set's DFA runs out on varied real text and the Set crawls (measured in bench/RESULTS.md: a family
 * Set at 22 MB/s with 10,600 characters, ≥ 280 MB/s split).
 */
function chunks<T>(items: T[], length: (item: T) => number, budget: number): T[][] {
  const total = items.reduce((sum, item) => sum + length(item), 0);
  const size = total / Math.ceil(total / budget);
  const out: T[][] = [];
  let filled = 0;
  for (const item of items) {
    if (out.length === 0 || (filled + length(item) / 2 > size * out.length && out.at(-1)!.length > 0)) out.push([]);
    out.at(-1)!.push(item);
    filled += length(item);
  }
  return out;
}

/**
 * Up to this many candidates of one gated Set, in a text up to {@link SHORT_TEXT} bytes, are
 * confirmed each by its own search rather than by a pass of their Set: on 2 KB, a few searches of
 * one small automaton each cost less than one pass of a Set's larger one (measured: 2 KB prose
 * and real prompts 0.93× the time); on long text the Set's loosened patterns run faster than
 * the rules' exact ones (1 MB of prompts 1.10× the time without the length limit).
 */
const FEW_CANDIDATES = 3;
const SHORT_TEXT = 32_768;

/** The rules `members` as one {@link Part}, or null when there are none. */
function part(members: LoadedRule[]): Part | null {
  return members.length === 0 ? null : { members };
}

/** Adds to `hits` the rules of `part` that may match in `buf`, with its group for pure ASCII text when `ascii`; see {@link groupHits}. */
function partHits(part: Part, buf: Buffer, hits: Set<LoadedRule>, window: boolean, ascii: boolean, only?: ReadonlySet<LoadedRule>): void {
  const g = ascii ? (part.ascii ??= group(part.members, true)) : (part.group ??= group(part.members, false));
  groupHits(g, buf, hits, window, ascii, only);
}

/**
 * Adds to `hits` the rules of `group` that may match in `buf`; with `only`, just those of its
 * rules. In windows (`window`), a keyword-gated rule must also match in them, so that a keyword
 * near a change does not send a rule over the whole view for nothing. `ascii`: `buf` is pure ASCII.
 */
function groupHits(group: Group, buf: Buffer, hits: Set<LoadedRule>, window: boolean, ascii: boolean, only?: ReadonlySet<LoadedRule>): void {
  // The rules let through by a keyword (and by one of their alsoKeywords): by their gated Set,
  // and those of the Sets that need a word.
  const opened: LoadedRule[] = [];
  const also = new Set<LoadedRule>();
  for (const { set: keywordSet, ascii: asciiKeywords, rules: gatedBy, also: alsoBy } of group.keywordSets) {
    if (ascii && !asciiKeywords) continue;
    for (const i of keywordSet.match(buf)) {
      opened.push(...gatedBy[i]!);
      for (const r of alsoBy[i]!) also.add(r);
    }
  }
  const candidates = new Map<RE2Set, LoadedRule[]>();
  const worded = new Set<LoadedRule>();
  for (const r of opened) {
    if ((only !== undefined && !only.has(r)) || (r.rule.alsoKeywords !== undefined && !also.has(r))) continue;
    if (group.needsWord.has(r)) {
      worded.add(r);
      continue;
    }
    const { set } = group.gated.get(r)!;
    const list = candidates.get(set);
    if (list === undefined) candidates.set(set, [r]);
    else if (!list.includes(r)) list.push(r);
  }
  for (const { set, rules } of buf.length > SHORT_TEXT ? group.sets : group.shortSets) {
    if (only !== undefined && !rules.some((r) => only.has(r))) continue;
    for (const i of set.match(buf)) {
      const r = rules[i]!;
      if ((only === undefined || only.has(r)) && (!group.needsWord.has(r) || worded.has(r))) hits.add(r);
    }
  }
  for (const [set, rules] of candidates) {
    if (rules.length > FEW_CANDIDATES || buf.length > SHORT_TEXT) {
      const matched = new Set(set.match(buf));
      for (const r of rules) if (matched.has(group.gated.get(r)!.index)) hits.add(r);
    } else if (rules.length === 1 && !window) hits.add(rules[0]!);
    else for (const r of rules) if (matchesIn(r, buf)) hits.add(r);
  }
}

/**
 * True when `keyword` can occur in pure ASCII text, as the keyword Set reads it (case and
 * apostrophes aside): its characters are ASCII or fold to ASCII under RE2's case folding (`ſ`
 * is an `s`, the Kelvin sign a `k`).
 */
function inAscii(keyword: string): boolean {
  return /^[\x00-\x7f\u017f\u2019\u212a]*$/.test(keyword);
}

/** True when `rule` matches somewhere in `buf`. */
function matchesIn(rule: LoadedRule, buf: Buffer): boolean {
  rule.find.lastIndex = 0;
  const match = rule.find.test(buf);
  rule.find.lastIndex = 0;
  return match;
}

/** Texts longer than this (in bytes) find a hit rule's matches with {@link locator}. */
const LONG_TEXT = 65_536;
/** Candidates {@link locator} confirms in vain before it gives the rest of the text to the exact search. */
const LOCATE_TRIES = 32;

/** What RE2's `exec` finds in a Buffer, as far as a scan reads it. */
type BufferMatch = { index: number; 0: Buffer };

/** Per rule: its pattern loosened as in its Set (global), and exact and sticky, built on first use. */
const locators = new WeakMap<LoadedRule, { loose: RE2; exact: RE2 }>();

/**
 * The matches of `rule` in a long `buf`, the same as its global `find` gives, found faster: each
 * exact match starts where the loosened pattern matches (it matches wherever the rule does), so
 * the loosened pattern, whose automaton is far smaller, finds the candidates and the exact one
 * only checks each in place. On a megabyte of prompts the exact patterns of a few rules with word
 * gaps crawled through their automata from end to end (user-data-transformed-multilingual: 310
 * ms). After {@link LOCATE_TRIES} candidates that are no match, or once the loosened searches for
 * them have read twice the text, the exact search takes the rest: text crafted so that candidates
 * are many and long costs at most a few passes of the loosened automaton more than before.
 */
function locator(rule: LoadedRule, buf: Buffer): (from: number) => BufferMatch | null {
  let pair = locators.get(rule);
  if (pair === undefined) {
    // The loosened pattern is the rule's Set member, flags inline.
    pair = { loose: new RE2(nonCapturing(rule.setSource), 'g'), exact: new RE2(nonCapturing(rule.rule.pattern), `${rule.rule.flags}y`) };
    locators.set(rule, pair);
  }
  const { loose, exact } = pair;
  let misses = 0;
  // Bytes the loosened searches read up to the end of candidates that were no match (each reads
  // as much again back to its start): past twice the text, crafted text stops paying for them.
  let wasted = 0;
  return (from) => {
    for (let at = from; misses < LOCATE_TRIES && wasted <= 2 * buf.length; misses++) {
      loose.lastIndex = at;
      const candidate = loose.exec(buf);
      if (candidate === null) return null;
      exact.lastIndex = candidate.index;
      const m = exact.exec(buf);
      if (m !== null) return m;
      const end = candidate.index + candidate[0].length;
      wasted += end - at;
      // The next candidate starts at a later character (a UTF-8 continuation byte starts none).
      at = candidate.index + 1;
      while (at < buf.length && (buf[at]! & 0xc0) === 0x80) at++;
    }
    rule.find.lastIndex = from;
    return rule.find.exec(buf);
  };
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

/** Matches of an `unless` pattern one finding looks through before it gives up and stays. */
const UNLESS_TRIES = 16;

/**
 * Where the match of `unless` that the span `start`…`end` of `view` begins inside ends (a view
 * index), or -1 when the span begins inside none. It is looked for within {@link UNLESS_REACH}
 * characters of the original text on each side of the span (what streams hold back). A match that
 * touches a cut made at that reach does not count: its `\\b` or `^` may hold only because of the
 * cut. Past {@link UNLESS_TRIES} matches, the finding stays.
 */
function sparedUntil(unless: RE2, view: TextView, start: number, end: number): number {
  const [from, to, atStart, atEnd] = reachAround(view, start, end, UNLESS_REACH);
  const part = view.text.slice(from, to);
  unless.lastIndex = 0;
  try {
    for (let tries = 0; tries < UNLESS_TRIES; tries++) {
      const m = unless.exec(part);
      if (m === null || from + m.index > start) return -1;
      const past = m.index + m[0].length;
      if (past === m.index) {
        // Past a whole character: a lastIndex inside a surrogate pair shifts the indices RE2 reports.
        const c = part.charCodeAt(past);
        unless.lastIndex = past + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      } else if (from + past > start) return (m.index > 0 || atStart) && (past < part.length || atEnd) ? from + past : -1;
    }
    return -1;
  } finally {
    unless.lastIndex = 0;
  }
}

/**
 * The span `start`…`end` of `view` widened by `reach` characters of the original text on each
 * side, as view indices `[from, to, atStart, atEnd]`: what a stream holding back `reach` has
 * received around a match, however many characters the view dropped or added there. `atStart` and
 * `atEnd` tell whether the widening reached the text's own edges.
 */
function reachAround(view: TextView, start: number, end: number, reach: number): [number, number, boolean, boolean] {
  const [s, e] = toOriginal(view, start, end);
  const atStart = s <= reach;
  const atEnd = e + reach >= view.originalLength;
  return [atStart ? 0 : indexAt(view, s - reach), atEnd ? view.text.length : indexAt(view, e + reach), atStart, atEnd];
}

/** The first character of `view` that comes from offset `offset` of the original text or later. */
function indexAt(view: TextView, offset: number): number {
  return view.starts === null ? offset : firstAtLeast(view.starts, offset, view.text.length);
}

/**
 * The first index below `end` where the non-decreasing `map` holds `value` or more, else `end`:
 * a view index from an original offset (a view's `starts`), a byte from a UTF-16 index (the map
 * of byteToUtf16Map, whose continuation bytes repeat their character's index).
 */
function firstAtLeast(map: Int32Array, value: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when one of `words` (case-insensitive) occurs in `from`…`start` or `end`…`to` of `text`
 * (the window {@link reachAround} gives): in `before + ' ' + after`, so a word with a space may
 * span the match. `lower` is `text` lower-cased, for pure ASCII text only.
 */
function nearWords(text: string, lower: string | null, start: number, end: number, from: number, to: number, words: readonly string[]): boolean {
  if (lower === null) {
    // Outside ASCII lower-casing is not always per character (final sigma): lower the pieces.
    const around = (text.slice(from, start) + ' ' + text.slice(end, to)).toLowerCase();
    return words.some((w) => around.includes(w.toLowerCase()));
  }
  const before = lower.slice(from, start);
  const after = lower.slice(end, to);
  for (const word of words) {
    const w = word.toLowerCase();
    if (before.includes(w) || after.includes(w)) return true;
    for (let k = w.indexOf(' '); k !== -1; k = w.indexOf(' ', k + 1)) {
      const head = w.slice(0, k);
      const tail = w.slice(k + 1);
      if (before.endsWith(head) && after.startsWith(tail)) return true;
    }
  }
  return false;
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
