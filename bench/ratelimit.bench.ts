/**
 * Rate-limit decisions per second, promptward next to rate-limiter-flexible in the same run:
 * memory against RateLimiterMemory, Redis against RateLimiterRedis on the same redis-server
 * (started here on a loopback port, stopped at the end). promptward runs twice: its default
 * GCRA, and its fixed window, the like-for-like row (rate-limiter-flexible's limiters are
 * fixed-window counters). Then Redis CPU per decision, and the heap held after a flood of
 * 1,000,000 distinct keys.
 *
 * Each comparison runs in a process of its own, ours and theirs alternating round by round:
 * one process running both of promptward's algorithms would make every call site in the
 * limiter and the store see two algorithms, which costs the memory store about a fifth of
 * its speed; an application normally runs one.
 *
 *   node --import tsx bench/ratelimit.bench.ts
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createLimiter, fixedWindow, gcra, memoryStore, redisStore } from '../src/ratelimit/index.js';
import { startRedis } from '../test/helpers/redis.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const KEYS = 10_000;
const BATCH = 100;
// Limits high enough that every call is admitted: both libraries then do the same work,
// and rate-limiter-flexible does not pay for the exception it throws on refusal.
const POINTS = 1_000_000_000;

type Decide = (key: string) => Promise<unknown>;
/** The first contender against rate-limiter-flexible: ratio of medians, and median of round-by-round ratios. */
interface Ratios {
  ratio: number;
  paired: number;
}

/**
 * Decisions per second over `total` calls, `BATCH` in flight at a time, keys in rotation: per
 * second of wall time, or with `cpu`, per second of this process's CPU time (user and system,
 * all threads). A memory store works only in this process, so its CPU time is its whole cost,
 * and unlike wall time it does not count the moments the machine's other load holds the core.
 */
async function rate(decide: Decide, total: number, cpu = false): Promise<number> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let done = 0; done < total; done += BATCH) {
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < BATCH; i++) batch.push(decide(`user-${(done + i) % KEYS}`));
    await Promise.all(batch);
  }
  if (!cpu) return total / (Number(process.hrtime.bigint() - start) / 1e9);
  const used = process.cpuUsage(cpuStart);
  return total / ((used.user + used.system) / 1e6);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const whole = (x: number): string => Math.round(x).toLocaleString('en');
/** Median, then the range over the rounds: the machine's other load shows in the range. */
const spread = (xs: number[]): string => `${whole(median(xs)).padStart(10)}   (rounds ${whole(Math.min(...xs))}–${whole(Math.max(...xs))})`;

/**
 * Alternates the contenders round by round so drift in the machine hits all alike. The last
 * contender is rate-limiter-flexible; each other one is given as a ratio to it.
 */
async function compare(label: string, contenders: Record<string, Decide>, total: number, rounds: number, cpu = false, quiet = false): Promise<Ratios> {
  const results: Record<string, number[]> = {};
  for (const [name, decide] of Object.entries(contenders)) {
    await rate(decide, Math.min(total, 20_000)); // warm-up
    results[name] = [];
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, decide] of Object.entries(contenders)) results[name]?.push(await rate(decide, total, cpu));
  }
  const names = Object.keys(contenders);
  const theirRounds = results[names[names.length - 1] ?? ''] ?? [];
  const theirs = median(theirRounds);
  // Also the median of each round's ratio to the round of theirs that followed it, which the
  // machine's other load disturbs less than a ratio of medians taken across the whole run.
  const ratios = (name: string): Ratios => ({
    ratio: median(results[name] ?? []) / theirs,
    paired: median((results[name] ?? []).map((x, i) => x / (theirRounds[i] ?? NaN))),
  });
  if (!quiet) {
    const unit = cpu ? 'decisions per CPU-second' : 'decisions/s';
    console.log(`\n${label} (${total.toLocaleString('en')} calls × ${rounds} rounds, ${BATCH} in flight, ${KEYS.toLocaleString('en')} keys; ${unit}, median)`);
    for (const name of names) console.log(`  ${name.padEnd(48)} ${spread(results[name] ?? [])}`);
    for (const name of names.slice(0, -1)) {
      const { ratio, paired } = ratios(name);
      console.log(`  ratio ${name} / rate-limiter-flexible: ${ratio.toFixed(2)}×   (round by round: ${paired.toFixed(2)}×)`);
    }
  }
  return ratios(names[0] ?? '');
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function flood(label: string, decide: Decide, keys: number): Promise<void> {
  const before = heapMb();
  let peak = 0;
  for (let done = 0; done < keys; done += 1_000) {
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < 1_000; i++) batch.push(decide(`flood-${done + i}`));
    await Promise.all(batch);
    if (done % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024 - before);
  }
  const after = heapMb();
  console.log(`  ${label.padEnd(52)} retained ${(after - before).toFixed(1).padStart(7)} MB   (largest growth seen during the flood, garbage included: ${Math.max(peak, after - before).toFixed(1)} MB)`);
}

/**
 * One comparison, run in a child process: promptward's limiter against rate-limiter-flexible's.
 * A memory comparison sends its ratios to the parent, which runs it in several processes.
 */
async function section(name: string, port: number): Promise<void> {
  const algorithm = name.endsWith('fixed') ? fixedWindow({ limit: POINTS, windowMs: 60_000 }) : gcra({ limit: POINTS, windowMs: 60_000 });
  const label = name.endsWith('fixed') ? 'fixedWindow' : 'GCRA';
  if (name.startsWith('memory')) {
    const ours = createLimiter({ limits: algorithm, store: memoryStore() });
    const theirs = new RateLimiterMemory({ points: POINTS, duration: 60 });
    const ratios = await compare(
      `Memory store, ${label}`,
      {
        [`promptward memoryStore (${label}, lru-cache-bounded)`]: (k) => ours.consume(k),
        'rate-limiter-flexible RateLimiterMemory (fixed window, unbounded)': (k) => theirs.consume(k),
      },
      50_000,
      21,
      true,
      process.send !== undefined,
    );
    process.send?.(ratios);
    return;
  }
  const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  await client.connect();
  const ours = createLimiter({ limits: algorithm, store: redisStore({ client, prefix: `bench:pw:${name}:` }) });
  const theirs = new RateLimiterRedis({ storeClient: client, points: POINTS, duration: 60, keyPrefix: `bench:rlf:${name}` });
  await compare(
    `Redis store, ${label} (same redis-server, same ioredis client)`,
    {
      [`promptward redisStore (${label}, Lua: ${label === 'GCRA' ? 'TIME, GET, SET KEEPTTL' : 'HINCRBY, PTTL'})`]: (k) => ours.consume(k),
      'rate-limiter-flexible RateLimiterRedis (fixed window, Lua: SET NX, INCRBY, PTTL)': (k) => theirs.consume(k),
    },
    5_000,
    21,
  );
  client.disconnect();
}

/** Runs one section in a child process; resolves with the ratios a memory section sends. */
function child(name: string, port: number): Promise<Ratios | undefined> {
  return new Promise((resolve, reject) => {
    let ratios: Ratios | undefined;
    const worker = fork(fileURLToPath(import.meta.url), [name, String(port)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    worker.on('message', (message) => (ratios = message as Ratios));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(ratios) : reject(new Error(`${name} exited with code ${code}`))));
  });
}

// A process's JIT and the machine's other load move a memory ratio by ±15% from one process to
// the next, so each memory comparison runs in this many processes, GCRA and fixedWindow
// alternating, and the summary gives the median over processes.
const MEMORY_PROCESSES = 7;

const [sectionName, sectionPort] = process.argv.slice(2);
if (sectionName !== undefined) {
  await section(sectionName, Number(sectionPort));
  // rate-limiter-flexible keeps one timer per key; they would hold the process open for 60 s.
  process.exit(0);
}

const server = await startRedis();
const client = new Redis({ host: '127.0.0.1', port: server.port, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
await client.connect();
try {
  console.log(`node ${process.version}, ${(await client.info('server')).match(/redis_version:(\S+)/)?.[1] ?? '?'} redis-server on loopback`);
  const memory = ['memory-gcra', 'memory-fixed'];
  const byProcess: Record<string, Ratios[]> = Object.fromEntries(memory.map((name) => [name, []]));
  for (let p = 0; p < MEMORY_PROCESSES; p++) {
    for (const name of memory) {
      const ratios = await child(name, server.port);
      if (ratios !== undefined) byProcess[name]?.push(ratios);
    }
  }
  console.log(`\nMemory store against rate-limiter-flexible RateLimiterMemory (fixed window, unbounded): 50,000 calls × 21 rounds per process, ${BATCH} in flight, ${KEYS.toLocaleString('en')} keys, decisions per CPU-second; ratio of medians in each of ${MEMORY_PROCESSES} processes`);
  for (const name of memory) {
    const runs = byProcess[name] ?? [];
    const ratio = runs.map((r) => r.ratio);
    const below = ratio.filter((r) => r < 1).length;
    console.log(
      `  ${name.padEnd(24)} median ${median(ratio).toFixed(2)}×   (processes ${Math.min(...ratio).toFixed(2)}–${Math.max(...ratio).toFixed(2)}, ${below} of ${runs.length} below 1; round by round ${median(runs.map((r) => r.paired)).toFixed(2)}×)   [${ratio.map((r) => r.toFixed(2)).join(' ')}]`,
    );
  }
  for (const name of ['redis-gcra', 'redis-fixed']) await child(name, server.port);

  // Server-side cost, which the machine's other load disturbs far less than throughput.
  const redis = createLimiter({ limits: gcra({ limit: POINTS, windowMs: 60_000 }), store: redisStore({ client, prefix: 'bench:pw:' }) });
  const redisFixed = createLimiter({ limits: fixedWindow({ limit: POINTS, windowMs: 60_000 }), store: redisStore({ client, prefix: 'bench:pwfw:' }) });
  const rlfRedis = new RateLimiterRedis({ storeClient: client, points: POINTS, duration: 60, keyPrefix: 'bench:rlf' });
  console.log('\nRedis CPU per decision (INFO commandstats, EVALSHA usec_per_call; 5 alternating rounds of 20,000 calls; µs, median)');
  const cpu: [string, Decide, number[]][] = [
    ['promptward redisStore (GCRA)', (k) => redis.consume(k), []],
    ['promptward redisStore (fixedWindow)', (k) => redisFixed.consume(k), []],
    ['rate-limiter-flexible RateLimiterRedis (fixed window)', (k) => rlfRedis.consume(k), []],
  ];
  for (let round = 0; round < 5; round++) {
    for (const [, decide, usecs] of cpu) {
      await client.config('RESETSTAT');
      await rate(decide, 20_000);
      usecs.push(Number(/cmdstat_evalsha:.*?usec_per_call=([\d.]+)/.exec(await client.info('commandstats'))?.[1] ?? NaN));
    }
  }
  for (const [name, , usecs] of cpu) console.log(`  ${name.padEnd(56)} ${median(usecs).toFixed(2)}   (rounds ${Math.min(...usecs).toFixed(2)}–${Math.max(...usecs).toFixed(2)})`);

  console.log('\nHeap retained after 1,000,000 distinct keys, one call each');
  const boundedStore = memoryStore();
  const bounded = createLimiter({ limits: gcra({ limit: 10, windowMs: 60_000 }), store: boundedStore });
  await flood('promptward memoryStore (default maxKeys 100,000)', (k) => bounded.consume(k), 1_000_000);
  console.log(`  ${''.padEnd(52)} keys held: ${boundedStore.size.toLocaleString('en')}`);
  const fixedStore = memoryStore();
  const fixed = createLimiter({ limits: fixedWindow({ limit: 10, windowMs: 60_000 }), store: fixedStore });
  await flood('promptward memoryStore, fixedWindow (maxKeys 100,000)', (k) => fixed.consume(k), 1_000_000);
  console.log(`  ${''.padEnd(52)} keys held: ${fixedStore.size.toLocaleString('en')}`);
  const rlfFlood = new RateLimiterMemory({ points: 10, duration: 60 });
  await flood('rate-limiter-flexible RateLimiterMemory (60 s TTL)', (k) => rlfFlood.consume(k), 1_000_000);
} finally {
  client.disconnect();
  await server.stop();
}
// rate-limiter-flexible keeps one timer per key; they would hold the process open for 60 s.
process.exit(0);
