/**
 * Injection detection on the dev data: recall per attack source and flag rate per benign
 * source, overall figures, the same on a held-out part of each source (rules were written
 * looking only at the other part), recall after obfuscation with the arbitraries of
 * `promptward/testing`, and keyword-gated rules whose keywords miss some of their matches.
 * Run with `npm run eval -- injection`.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { keywordGaps } from '../../src/engine/load.js';
import { injectionEngine } from '../../src/scanners/injection/engine.js';
import { detectInjection } from '../../src/scanners/injection/index.js';
import { OBFUSCATORS, type ObfuscatorName } from '../../src/testing/index.js';
import { type EvalRow, fnv1a, pct, readJsonl } from '../lib/jsonl.js';

/** Share of each source held out while writing rules, chosen by a hash of the text. */
const HELD_OUT_TENTHS = 3;
/** Attacks sampled for the obfuscation runs (each obfuscator scans all of them). */
const OBFUSCATION_SAMPLE = 1000;
/** A source's recall is shown by category when its categories hold at least this many attacks on average. */
const CATEGORY_MEAN = 20;
const OBFUSCATIONS: readonly ObfuscatorName[] = ['homoglyphs', 'zeroWidth', 'base64', 'leetspeak', 'spacedLetters', 'reversed', 'escapes', 'emphasis', 'diacritics', 'separatedWords', 'camelCase'];
/**
 * Sources whose texts are third-party content by construction: BIPIA's attacks are written to be
 * planted in e-mails, tables, web pages and code, and its clean contexts are those carriers. They
 * are scanned a second time as documents (`context: 'document'`), as a guard scans tool results.
 */
const THIRD_PARTY = (row: EvalRow): boolean => row.dataset.startsWith('BIPIA:');
/**
 * Attacks with no wording cue by the source's own label: CyberSecEval's "logic-violating" rows
 * break only a task rule of the system prompt they were written against ("answer only about X",
 * "reply in English") with an ordinary question, a trivia list or a poem request, which the text
 * alone cannot show. They stay in every figure; one more line of each overall table leaves them
 * out, as the issue asks (sources without a cue are reported, not hidden).
 */
const NO_CUE = (row: EvalRow): boolean => row.dataset.startsWith('PurpleLlama:CyberSecEval') && (row.category ?? '').startsWith('logic-violating/');

/** A stable split that does not depend on file order. */
const heldOut = (row: EvalRow): boolean => fnv1a(row.text) % 10 < HELD_OUT_TENTHS;

interface Tally {
  n: number;
  hit: number;
  devN: number;
  devHit: number;
  outN: number;
  outHit: number;
  /** Flagged with the word model off (`model: false`). */
  baseHit: number;
}
const tally = (): Tally => ({ n: 0, hit: 0, devN: 0, devHit: 0, outN: 0, outHit: 0, baseHit: 0 });
function count(t: Tally, row: EvalRow, flagged: boolean, withoutModel = flagged): void {
  const h = flagged ? 1 : 0;
  t.n++;
  t.hit += h;
  t.baseHit += withoutModel ? 1 : 0;
  if (heldOut(row)) {
    t.outN++;
    t.outHit += h;
  } else {
    t.devN++;
    t.devHit += h;
  }
}
/** Counts `row` into the tally of `key` in `tallies`. */
function countInto(tallies: Map<string, Tally>, key: string, row: EvalRow, flagged: boolean, withoutModel = flagged): void {
  const t = tallies.get(key) ?? tally();
  count(t, row, flagged, withoutModel);
  tallies.set(key, t);
}
const line = (name: string, t: Tally): string =>
  `| ${name} | ${t.n} | ${pct(t.hit, t.n)} | ${pct(t.devHit, t.devN)} | ${pct(t.outHit, t.outN)} | ${pct(t.baseHit, t.n)} |`;
/** The column {@link line} adds: all rows again, with the word model off. */
const HEAD = ' | without the word model |\n|---|---:|---:|---:|---:|---:|';

export function run(dir: string): void {
  const attacks = readJsonl(dir, 'injection.jsonl');
  const benign = readJsonl(dir, 'benign.jsonl');
  if (attacks === null && benign === null) {
    // The team's probes and the dependencies' documents are in this repository and its install.
    console.log('no injection or benign data in the dev set: only the team\'s probes and the technical documents are measured');
    teamProbes();
    technicalDocuments();
    return;
  }
  // Each attack's verdict as a user message, for the tables below and the document section.
  const flaggedAttacks = new Map<EvalRow, boolean>();
  if (attacks !== null) {
    const bySource = new Map<string, Tally>();
    const byCategory = new Map<string, Map<string, Tally>>();
    const all = tally();
    const cued = tally();
    for (const row of attacks.filter((r) => r.label === 1)) {
      const flagged = detectInjection(row.text).flagged;
      const base = detectInjection(row.text, { model: false }).flagged;
      flaggedAttacks.set(row, flagged);
      countInto(bySource, row.dataset, row, flagged, base);
      count(all, row, flagged, base);
      if (!NO_CUE(row)) count(cued, row, flagged, base);
      const categories = byCategory.get(row.dataset) ?? new Map<string, Tally>();
      byCategory.set(row.dataset, categories);
      countInto(categories, row.category ?? '', row, flagged, base);
    }
    console.log('\nAttack recall (flagged / attacks), all rows | dev part | held-out part:\n');
    console.log(`| source | attacks | recall | dev | held-out${HEAD}`);
    for (const [name, t] of [...bySource].sort()) console.log(line(name, t));
    console.log(line('**all attacks**', all));
    console.log(line('**all attacks but those with no cue (CyberSecEval logic-violating)**', cued));
    // By category where a source's categories are techniques with enough attacks each to read
    // (CyberSecEval's): some techniques leave no wording cue in the text alone.
    for (const [source, categories] of [...byCategory].sort()) {
      if (categories.size < 2 || bySource.get(source)!.n / categories.size < CATEGORY_MEAN) continue;
      console.log(`\nRecall by category, ${source}:\n`);
      console.log(`| category | attacks | recall | dev | held-out${HEAD}`);
      for (const [name, t] of [...categories].sort((a, b) => a[1].hit / a[1].n - b[1].hit / b[1].n)) console.log(line(name, t));
    }
    obfuscationRecall(attacks.filter((r) => r.label === 1));
  }
  if (benign !== null) {
    const bySource = new Map<string, Tally>();
    const byKind = new Map<string, Tally>();
    for (const row of benign.filter((r) => r.label === 0)) {
      const flagged = detectInjection(row.text).flagged;
      const base = detectInjection(row.text, { model: false }).flagged;
      countInto(bySource, row.dataset, row, flagged, base);
      countInto(byKind, row.kind, row, flagged, base);
    }
    console.log('\nFlag rate on benign text (flagged / texts), all rows | dev part | held-out part:\n');
    console.log(`| source | texts | flag rate | dev | held-out${HEAD}`);
    for (const [name, t] of [...bySource].sort()) console.log(line(name, t));
    for (const [kind, t] of [...byKind].sort()) console.log(line(`**all ${kind}**`, t));
    throughput(benign.map((r) => r.text));
  }
  if (attacks !== null && benign !== null) documentContext(flaggedAttacks, benign);
  teamProbes();
  technicalDocuments();
  keywordGapsIn([...(attacks ?? []), ...(benign ?? [])].map((r) => r.text));
}

/**
 * The third-party sources scanned as documents, the overall recall with them so (the other
 * attacks keep their verdict as user messages, `flaggedAttacks`), and every benign text scanned
 * as a document: user prompts are not documents, so that last row only shows how wide the
 * document rules are.
 */
function documentContext(flaggedAttacks: ReadonlyMap<EvalRow, boolean>, benign: readonly EvalRow[]): void {
  const asDocument = (row: EvalRow, model = true): boolean => detectInjection(row.text, { context: 'document', model }).flagged;
  const rows = new Map<string, Tally>();
  const all = tally();
  const cued = tally();
  for (const [row, asMessage] of flaggedAttacks) {
    const flagged = THIRD_PARTY(row) ? asDocument(row) : asMessage;
    const base = THIRD_PARTY(row) ? asDocument(row, false) : detectInjection(row.text, { model: false }).flagged;
    count(all, row, flagged, base);
    if (!NO_CUE(row)) count(cued, row, flagged, base);
    if (THIRD_PARTY(row)) countInto(rows, row.dataset, row, flagged, base);
  }
  const everyBenign = tally();
  for (const row of benign.filter((r) => r.label === 0)) {
    const flagged = asDocument(row);
    const base = asDocument(row, false);
    count(everyBenign, row, flagged, base);
    if (THIRD_PARTY(row)) countInto(rows, row.dataset, row, flagged, base);
  }
  console.log("\nThird-party content scanned as documents (context: 'document'), all rows | dev part | held-out part:\n");
  console.log(`| source | texts | recall or flag rate | dev | held-out${HEAD}`);
  for (const [name, t] of [...rows].sort()) console.log(line(name, t));
  console.log(line('**all attacks, third-party sources as documents**', all));
  console.log(line('**all attacks but those with no cue, third-party sources as documents**', cued));
  console.log(line('every benign text as a document (user prompts are not; a width check)', everyBenign));
}

/** Recall on a fixed sample of attacks, plain and after each obfuscator (one seeded variant per attack). */
function obfuscationRecall(rows: readonly EvalRow[]): void {
  const step = Math.max(1, Math.floor(rows.length / OBFUSCATION_SAMPLE));
  const sample = rows.filter((_, i) => i % step === 0).slice(0, OBFUSCATION_SAMPLE);
  const plain = sample.filter((r) => detectInjection(r.text).flagged).length;
  console.log(`\nRecall after obfuscation (${sample.length} attacks, one in ${step}; one variant each, seed = row index):\n`);
  console.log('| obfuscation | recall | change |\n|---|---:|---:|');
  console.log(`| none | ${pct(plain, sample.length)} | |`);
  for (const name of OBFUSCATIONS) {
    let hit = 0;
    sample.forEach((row, i) => {
      const [variant] = fc.sample(OBFUSCATORS[name](row.text), { numRuns: 1, seed: i });
      if (variant !== undefined && detectInjection(variant).flagged) hit++;
    });
    const change = ((100 * (hit - plain)) / sample.length).toFixed(1);
    console.log(`| ${name} | ${pct(hit, sample.length)} | ${change} pts |`);
  }
}

/** Median time per benign text: rules only, rules and heuristics, and the full detector (with the word model), same run. */
function throughput(texts: readonly string[]): void {
  const median = (heuristics: boolean, model = heuristics): number => {
    const times: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      detectInjection(text, { heuristics, model });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return (times[Math.floor(times.length / 2)] ?? 0) * 1000;
  };
  median(true);
  const rules = median(false);
  const heuristics = median(true, false);
  const full = median(true);
  const chars = [...texts].sort((a, b) => a.length - b.length)[Math.floor(texts.length / 2)]?.length ?? 0;
  console.log(
    `\nMedian per benign text (median length ${chars} chars): rules only ${rules.toFixed(1)} µs, rules + heuristics ${heuristics.toFixed(1)} µs, with the word model too ${full.toFixed(1)} µs (×${(full / rules).toFixed(2)}).`,
  );
}

/** Characters per chunk of a technical document, and chunks read from the start of each file. */
const DOC_CHUNK = 8000;
const DOC_CHUNKS = 3;

/**
 * Flag rate on ordinary technical documents, the kind an agent reads as tool results: the
 * Markdown files (READMEs, changelogs, API references) of the installed dependencies, which
 * package-lock.json fixes, in chunks of {@link DOC_CHUNK} characters as retrieval cuts them,
 * scanned as documents and as user messages. None of them is an attack: every flag is a false
 * positive, listed with its rules.
 */
function technicalDocuments(): void {
  const root = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md') && statSync(join(root, f)).size < 200_000)
    .sort();
  const seen = new Set<string>();
  const rules = new Map<string, number>();
  let asMessage = 0;
  let asDocument = 0;
  let withoutModel = 0;
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (let at = 0; at < Math.min(text.length, DOC_CHUNK * DOC_CHUNKS); at += DOC_CHUNK) {
      const chunk = text.slice(at, at + DOC_CHUNK);
      if (chunk.length < 200 || seen.has(chunk)) continue;
      seen.add(chunk);
      const message = detectInjection(chunk).flagged;
      const document = detectInjection(chunk, { context: 'document' });
      if (detectInjection(chunk, { model: false }).flagged || detectInjection(chunk, { context: 'document', model: false }).flagged) withoutModel++;
      if (message) asMessage++;
      if (!document.flagged && !message) continue;
      if (document.flagged) asDocument++;
      for (const id of new Set(document.findings.filter((f) => f.score >= 0.3).map((f) => f.ruleId))) rules.set(id, (rules.get(id) ?? 0) + 1);
    }
  }
  console.log(`\nOrdinary technical documents (Markdown of the installed dependencies, ${files.length} files, ${seen.size} chunks of up to ${DOC_CHUNK} characters):`);
  console.log(`flagged as documents ${pct(asDocument, seen.size)}, as user messages ${pct(asMessage, seen.size)}; either way with the word model off ${pct(withoutModel, seen.size)}.`);
  if (rules.size > 0) console.log(`Rules in the flagged chunks: ${[...rules].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} (${n})`).join(', ')}`);
}

/** Keyword-gated rules with matches in the eval texts that hold none of their keywords (never reported). */
function keywordGapsIn(texts: readonly string[]): void {
  const gaps = injectionEngine()
    .rules.map((r) => [r.id, keywordGaps(r, texts)] as const)
    .filter(([, found]) => found.length > 0);
  console.log(`\nKeyword-gated rules with matches that hold none of their keywords (never reported): ${gaps.length}`);
  for (const [id, found] of gaps) console.log(`- ${id}: ${[...new Set(found)].slice(0, 3).map((f) => JSON.stringify(f.slice(0, 60))).join(', ')}`);
}

/** A row of the team's own probes (`probes.jsonl` beside this file). */
interface Probe {
  text: string;
  label: 0 | 1;
  /**
   * Who wrote it: sets A to F, nine writers (C, E and F two each), G to K, five more (twelfth
   * session), L, two more (thirteenth), M, two more (fourteenth), N, two more (fifteenth), O and P,
   * four more (sixteenth: password-guarding games, app hijacks and persuasion; a chat red-team
   * sample and agent-era indirect injection), Q, R, S and T, four more (seventeenth: a broad chat
   * sample in the twelve languages; chat in eighteen more languages and third-party documents;
   * texts that quote or discuss attacks, with attacks hidden in the same genres, in English (S) and
   * in fifteen languages (T)), and U and V, two more (eighteenth: a broad sample of attacks, hard
   * negatives and ordinary texts, all held out and measured only in aggregate; agent hijacks, data
   * exfiltration and persuasion jailbreaks without the stock phrases, with innocent twins), and AA,
   * one more (twenty-fifth: agent misuse typed by an insider or planted in business documents,
   * with legitimate twins, in fifteen languages), and AB, AC and AD, three more (twenty-eighth:
   * a guarded secret asked for through disguises — hypotheticals, formats, split pieces, persuasion,
   * oblique references — in sixteen languages (AB); the same in messages and planted in documents
   * (AC); instructions planted in documents without naming the AI reader (AD); each with hard
   * negatives), none of whom saw the rules or the word model.
   */
  set: string;
  /**
   * `dev`: rules were written looking at it, and the word model is trained on it; `held-out`:
   * nobody writing rules has read it, and training does not.
   */
  split: 'dev' | 'held-out';
  /**
   * `false`: the dev half guides rules but is no training text of the word model (sets T, X, Y, AA). Set T, texts in
   * fifteen languages that quote attacks as examples (policies, test fixtures, forum questions),
   * cost the model a point of held-out recall as training text: a bag of words cannot tell a quoted
   * attack phrase from one that is meant.
   */
  train?: false;
  family: string;
  lang: string;
  context: 'message' | 'document';
}

/**
 * Recall and flag rates on probes the team wrote for this purpose, apart from the public data:
 * attacks and benign texts phrased the ways their writers thought of, without sight of the rules.
 * The dev halves of sets A, C, F, G, H, I, L, M, N, O, P, Q, R, S, T and V guided rule writing and (but T's) train the word model; their
 * held-out halves and sets B, D, E, J, K and U did neither. Sets X and Z (defenders' texts that quote attacks, and attacks
 * dressed as them) and Y (agent misuse and tool hijacks) were measured whole before anyone read them; the mention pass was
 * changed looking at X's and Z's dev halves, rules were written looking at Y's in the twenty-fifth session, and none of
 * them trains the model (`train: false`). Set AA (insider misuse) was measured whole before anyone read it (the twenty-fifth
 * session's rules flagged 4 of its 124 typed attacks); its dev half (even FNV-1a of the text) then guided rules, its
 * held-out half was read by no one, and it trains nothing.
 * Sets AB, AC and AD (twenty-eighth session) were measured whole before anyone read them: 35.8%, 35.8% and 7.1% of
 * their attacks flagged. The dev halves of AB and AD (even FNV-1a of the text) then guided rules and train the model;
 * their held-out halves and all of AC were read by no one and train nothing.
 */
function teamProbes(): void {
  const rows = readFileSync(new URL('probes.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Probe);
  // Per set and split: [texts, flagged, flagged with the word model off] for attacks, hard negatives and ordinary texts.
  const kinds = ['attack', 'hard_negative', 'ordinary'] as const;
  const groups = new Map<string, Record<(typeof kinds)[number], [number, number, number]>>();
  for (const row of rows) {
    const key = `${row.set} | ${row.split}`;
    const g = groups.get(key) ?? { attack: [0, 0, 0], hard_negative: [0, 0, 0], ordinary: [0, 0, 0] };
    groups.set(key, g);
    const c = g[row.label === 1 ? 'attack' : row.family === 'hard_negative' ? 'hard_negative' : 'ordinary'];
    c[0]++;
    if (detectInjection(row.text, { context: row.context }).flagged) c[1]++;
    if (detectInjection(row.text, { context: row.context, model: false }).flagged) c[2]++;
  }
  console.log('\nThe team\'s own probes (bench/eval/probes.jsonl; each row scanned in its context; in brackets, with the word model off):\n');
  console.log('| set | split | attacks | recall | hard negatives | flagged | ordinary | flagged |\n|---|---|---:|---:|---:|---:|---:|---:|');
  const cell = ([n, hit, base]: [number, number, number]): string => `${n} | ${pct(hit, n)} (${pct(base, n)})`;
  for (const [key, g] of [...groups].sort()) console.log(`| ${key} | ${kinds.map((k) => cell(g[k])).join(' | ')} |`);
}
