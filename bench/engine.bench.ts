/**
 * Engine throughput and latency, against a loop of JS RegExp over the same rules in the same
 * run. `npm run bench` (node --import tsx bench/engine.bench.ts). Figures go to bench/RESULTS.md.
 */
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile } from '../src/engine/engine.js';
import { PackSchema, type Rule } from '../src/engine/pack.js';
import { detectInjection, DOCUMENT_PACKS } from '../src/scanners/injection/index.js';
import { seeded } from '../src/testing/random.js';
import { textViews } from '../src/text/views.js';
import { base64, digits, hex, pem, pool, prose } from './lib/corpus.js';
import { readJsonl } from './lib/jsonl.js';

const engine = compile(BUILTIN_PACKS);
const packs = BUILTIN_PACKS.map((p) => PackSchema.parse(p));
const rules: Rule[] = packs.flatMap((p) => p.rules);
const rawOnly = compile(packs.map((p) => ({ ...p, rules: p.rules.filter((r) => r.views.includes('raw')) })).filter((p) => p.rules.length > 0));

/** The same rules as JS RegExp: RE2's `(?P<name>` becomes `(?<name>`; rules JS cannot compile are counted and left out. */
const jsRules: { re: RegExp; views: Rule['views'] }[] = [];
let jsSkipped = 0;
for (const r of rules) {
  try {
    jsRules.push({ re: new RegExp(r.pattern.replace(/\(\?P</g, '(?<'), `${r.flags}gu`), views: r.views });
  } catch {
    jsSkipped++;
  }
}

/** What the engine does, done with one JS RegExp per rule: every match of every rule on its views. */
function jsScan(text: string): number {
  const views = textViews(text);
  let hits = 0;
  for (const { re, views: names } of jsRules) {
    for (const name of names) {
      re.lastIndex = 0;
      let n = 0;
      for (let m = re.exec(views.get(name).text); m !== null && n < 64; m = re.exec(views.get(name).text)) {
        if (m[0].length === 0) re.lastIndex++;
        n++;
        hits++;
      }
    }
  }
  return hits;
}

/** Median MB/s of `fn` over the pool, each text scanned once per round. */
function throughput(texts: string[], fn: (t: string) => unknown, budgetMs: number): number {
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  fn(texts[0]!);
  const rates: number[] = [];
  const until = performance.now() + budgetMs;
  do {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    rates.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
  } while (performance.now() < until && rates.length < 50);
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

/**
 * p50 and p99 of `n` calls over `texts` in turn, after 50 warm-up rounds of the pool: code that a
 * rare text reaches (a phone number's validation, once per 64 texts here) needs that many calls
 * before V8 has compiled it; with 8 rounds its first calls, at 330-580 µs, were a third of the p99.
 */
function latency(texts: string[], fn: (t: string) => unknown, n: number): { p50: number; p99: number } {
  for (let i = 0; i < texts.length * 50; i++) fn(texts[i % texts.length]!);
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = texts[i % texts.length]!;
    const t0 = performance.now();
    fn(t);
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  return { p50: samples[Math.floor(n * 0.5)]!, p99: samples[Math.floor(n * 0.99)]! };
}

const f1 = (x: number) => x.toFixed(1);
console.log(`promptward engine bench — ${new Date().toISOString()} — node ${process.version}`);
console.log(`${packs.length} packs, ${rules.length} rules (${rawOnly.rules.length} on the raw view); JS RegExp baseline: ${jsRules.length} rules (${jsSkipped} not expressible in JS, left out)\n`);

// Latency on a 2 KB prompt, views included.
const prompts = pool(prose, 2048, 64, 7);
const full = latency(prompts, (t) => engine.scan(t), 5000);
const rawLat = latency(prompts, (t) => rawOnly.scan(t), 5000);
console.log('| 2 KB prompt (64 different texts) | p50 µs | p99 µs |\n|---|---|---|');
console.log(`| all packs, all views | ${f1(full.p50)} | ${f1(full.p99)} |`);
console.log(`| raw-view rules only | ${f1(rawLat.p50)} | ${f1(rawLat.p99)} |`);
// The injection detector on its own packs: rules, heuristics, and the word model's cost beside them.
const detector = latency(prompts, (t) => detectInjection(t), 5000);
const noModel = latency(prompts, (t) => detectInjection(t, { model: false }), 5000);
console.log(`| detectInjection: injection packs, heuristics, word model | ${f1(detector.p50)} | ${f1(detector.p99)} |`);
console.log(`| detectInjection without the word model | ${f1(noModel.p50)} | ${f1(noModel.p99)} |`);

// Real prompts: the labelled dev data (../shared/eval, or PROMPTWARD_EVAL_DIR) when present, read at
// run time and never copied. Attacks, benign prompts and PII texts in many languages, shuffled and
// joined: 2 KB slices, and 1 MB for the throughput table.
const evalDir = resolve(process.env.PROMPTWARD_EVAL_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'eval'));
const evalTexts = ['injection.jsonl', 'benign.jsonl', 'pii.jsonl'].flatMap((f) => readJsonl(evalDir, f) ?? []).map((r) => r.text);
const shuffle = seeded(11);
for (let i = evalTexts.length - 1; i > 0; i--) {
  const j = Math.floor(shuffle() * (i + 1));
  [evalTexts[i], evalTexts[j]] = [evalTexts[j]!, evalTexts[i]!];
}
const evalJoined = evalTexts.join('\n');
const evalPrompts = evalJoined.length < 64 * 2048 ? [] : Array.from({ length: 64 }, (_, i) => evalJoined.slice(i * 2048, (i + 1) * 2048));
if (evalPrompts.length > 0) {
  const real = latency(evalPrompts, (t) => engine.scan(t), 5000);
  console.log(`| all packs, 2 KB slices of the eval prompts | ${f1(real.p50)} | ${f1(real.p99)} |`);
}
console.log('');

// Each rule alone on those slices: its exact search (the one a scan runs when the rule's Set or
// keyword lets it through) on the views it reads. A pattern RE2 cannot hold in its automaton's
// memory (a long gap such as [^\n]{0,90} after a common word, or \p{L} many times under (?i))
// falls back to a search hundreds of times slower, which the Sets and keyword gates hide until
// a text opens the gate: the slowest rules, against the median rule, show it.
if (evalPrompts.length > 0) {
  const surveyed = compile([...BUILTIN_PACKS, ...DOCUMENT_PACKS]);
  const sliceViews = evalPrompts.map((t) => textViews(t));
  const perRule = surveyed.rules.map((r) => {
    const bufs = r.rule.views.map((v) => sliceViews.map((views) => Buffer.from(views.get(v).text, 'utf8'))).flat();
    const run = () => {
      for (const b of bufs) {
        r.find.lastIndex = 0;
        for (let n = 0; n < 64 && r.find.exec(b) !== null; n++);
      }
      r.find.lastIndex = 0;
    };
    // The fastest of three timed runs after a warm-up: a garbage collection or a compilation that
    // lands inside one rule's run would otherwise put that rule among the slowest.
    run();
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      run();
      best = Math.min(best, performance.now() - t0);
    }
    return { id: r.id, us: (best * 1000) / bufs.length };
  });
  perRule.sort((a, b) => b.us - a.us);
  const median = perRule[Math.floor(perRule.length / 2)]!.us;
  console.log(`one rule's search on one view of a 2 KB slice of the eval prompts, ${perRule.length} rules (injection document pack included): median ${f1(median)} µs; slowest:`);
  for (const { id, us } of perRule.slice(0, 5)) console.log(`  ${id}: ${f1(us)} µs (${f1(us / median)}× the median)`);
  console.log('');
}

// Throughput by size and content.
console.log('| text | engine MB/s | JS RegExp loop MB/s | ratio |\n|---|---|---|---|');
const results = new Map<string, number>();
const cases: [string, (s: number, r: () => number) => string, number, number][] = [
  ['prose 1 KB', prose, 1024, 64],
  ['prose 10 KB', prose, 10 * 1024, 32],
  ['prose 100 KB', prose, 100 * 1024, 8],
  ['prose 1 MB', prose, 1024 * 1024, 4],
  ['random base64 1 MB', base64, 1024 * 1024, 4],
  ['random hex 1 MB', hex, 1024 * 1024, 4],
  ['PEM blocks 1 MB', pem, 1024 * 1024, 4],
  ['digit groups 1 MB', digits, 1024 * 1024, 4],
];
/** One row: the engine on every text of the pool, the JS loop on a quarter of it. */
function row(name: string, texts: string[]): void {
  const ours = throughput(texts, (t) => engine.scan(t), 3000);
  const theirs = throughput(texts.slice(0, Math.max(1, texts.length / 4)), jsScan, 2000);
  results.set(name, ours);
  console.log(`| ${name} | ${f1(ours)} | ${f1(theirs)} | ${f1(ours / theirs)}× |`);
}
for (const [name, make, size, count] of cases) row(name, pool(make, size, count, size + name.length));
if (evalJoined.length >= 2 << 20) row('eval prompts 1 MB', [evalJoined.slice(0, 1 << 20), evalJoined.slice(1 << 20, 2 << 20)]);
const ratio = results.get('prose 100 KB')! / results.get('prose 1 MB')! * 10;
console.log(`\ntime(1 MB) / time(100 KB) on prose: ${f1(ratio)} (10 is linear)\n`);

// A catastrophic input: 100,000 characters built for backtracking.
const evil = `${'a'.repeat(100_000)}!`;
const evilPack = { id: 'evil', rules: [{ id: 'nested', category: 'bench', severity: 'low', pattern: '(a+)+$', examples: { positive: [{ text: 'aa', match: 'aa' }], negative: ['b'] } }] };
const evilEngine = compile([evilPack]);
const t0 = performance.now();
evilEngine.scan(evil);
const re2Ms = performance.now() - t0;
const capMs = 5000;
const jsMs = await new Promise<number | null>((resolve) => {
  const worker = new Worker(`const t=performance.now(); /(a+)+$/.test(${JSON.stringify(evil)}); require('node:worker_threads').parentPort.postMessage(performance.now()-t);`, { eval: true });
  const timer = setTimeout(() => void worker.terminate().then(() => resolve(null)), capMs);
  worker.on('message', (ms: number) => {
    clearTimeout(timer);
    void worker.terminate().then(() => resolve(ms));
  });
});
console.log(`catastrophic input (/(a+)+$/ on 100,000 × "a" + "!"): engine ${f1(re2Ms)} ms; JS RegExp ${jsMs === null ? `did not finish within ${capMs} ms (stopped)` : `${f1(jsMs)} ms`}`);
