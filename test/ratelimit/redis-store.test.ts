import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter, fixedWindow, gcra, memoryStore, redisStore, slidingWindow, tokenBucket } from '../../src/ratelimit/index.js';
import type { Algorithm, Decision, Reservation } from '../../src/ratelimit/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { connect } from './redis-client.js';

let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedis();
  client = await connect(server.port);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

async function evalCalls(): Promise<{ eval: number; evalsha: number }> {
  const stats = await client.info('commandstats');
  const calls = (name: string) => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
  return { eval: calls('eval'), evalsha: calls('evalsha') };
}

describe('redisStore on a real redis-server', () => {
  it('decides with Redis TIME and lets idle keys expire one to two windows after they drain', async () => {
    const limiter = createLimiter({ limits: gcra({ limit: 3, windowMs: 60_000 }), store: redisStore({ client, prefix: 'basic:' }) });
    for (const remaining of [2, 1, 0]) expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining });
    const refused = await limiter.consume('k');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(19_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(20_000);
    // Drained 60 s from now (resetMs); the key lives one to two windows past that.
    const ttl = await client.pttl('basic:default:k');
    expect(ttl).toBeGreaterThan(refused.resetMs + 60_000 - 1_000);
    expect(ttl).toBeLessThanOrEqual(refused.resetMs + 120_000 + 2);
  });

  it('GCRA keeps a key\'s TTL while its arrival time stays below the next multiple of the window, and never lets it fall short of one window past it', async () => {
    const clock = { t: 1_700_000_000_000 }; // a multiple of the 10 s window
    const limiter = createLimiter({ limits: gcra({ limit: 10, windowMs: 10_000 }), store: redisStore({ client, now: () => clock.t, prefix: 'keepttl:' }) });
    const key = 'keepttl:default:k';
    await limiter.consume('k'); // arrival time t + 1 s: step t / 10 s, TTL to t + 20 s (+2 ms)
    const first = await client.pttl(key);
    expect(first).toBeGreaterThan(19_000);
    expect(first).toBeLessThanOrEqual(20_002);
    await limiter.consume('k', 8); // t + 9 s: same step, TTL kept
    expect(await client.pttl(key)).toBeLessThanOrEqual(first);
    await limiter.consume('k'); // t + 10 s: next step, TTL to t + 30 s
    const moved = await client.pttl(key);
    expect(moved).toBeGreaterThan(29_000);
    expect(moved).toBeLessThanOrEqual(30_002);
    // Every write leaves the key at least a window past its arrival time.
    for (let i = 0; i < 40; i++) {
      clock.t += 700;
      const d = await limiter.consume('k');
      expect(await client.pttl(key)).toBeGreaterThanOrEqual(d.resetMs + 10_000 - 50);
    }
  });

  it('single GCRA limit: the lean script agrees with the memory store to the bit on fractional clocks, refusals and settles included', async () => {
    // Times past 2^40 ms with fractions of a millisecond, and intervals that are no whole number
    // of milliseconds: the script's 1/4096 ms answers must reproduce the float arithmetic exactly.
    const algorithmArb = fc
      .record({ limit: fc.integer({ min: 1, max: 9 }), windowMs: fc.integer({ min: 60_000, max: 600_000 }), burst: fc.integer({ min: 1, max: 9 }) })
      .map((o) => gcra({ ...o, windowMs: o.windowMs + 1 / 3 }));
    const opArb = fc.record({
      dt: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200_000, noNaN: true })),
      settle: fc.boolean(),
      cost: fc.double({ min: 0, max: 9, noNaN: true }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(algorithmArb, fc.double({ min: 2 ** 40, max: 2 ** 42, noNaN: true }), fc.array(opArb, { maxLength: 30 }), async (algorithm, start, ops) => {
        const clock = { t: start };
        const now = () => clock.t;
        const memory = createLimiter({ limits: algorithm, store: memoryStore({ now }) });
        const redis = createLimiter({ limits: algorithm, store: redisStore({ client, now, prefix: `lean:${run++}:` }) });
        for (const { dt, settle, cost: raw } of ops) {
          clock.t += dt;
          const cost = raw % (algorithm.capacity + Number.EPSILON);
          if (settle) {
            const [a, b] = [await memory.reserve('k', cost), await redis.reserve('k', cost)];
            expect(b).toMatchObject({ allowed: a.allowed, remaining: a.remaining, resetMs: a.resetMs, retryAfterMs: a.retryAfterMs });
            await Promise.all([a.settle(cost / 2), b.settle(cost / 2)]);
          } else {
            expect(await redis.consume('k', cost)).toEqual(await memory.consume('k', cost));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sends EVALSHA, and reloads the script with EVAL after SCRIPT FLUSH', async () => {
    const limiter = createLimiter({ limits: slidingWindow({ limit: 5, windowMs: 1_000 }), store: redisStore({ client, prefix: 'flush:' }) });
    await limiter.consume('k');
    await client.script('FLUSH');
    const before = await evalCalls();
    expect((await limiter.consume('k')).remaining).toBe(3);
    expect((await limiter.consume('k')).remaining).toBe(2);
    const after = await evalCalls();
    expect(after.eval - before.eval).toBe(1);
    // The failed EVALSHA after the flush, then the one that found the reloaded script.
    expect(after.evalsha - before.evalsha).toBe(2);
  });

  it.each([
    ['GCRA', 'flush-gcra:', () => gcra({ limit: 5, windowMs: 60_000 })],
    ['fixed-window', 'flush-fixed:', () => fixedWindow({ limit: 5, windowMs: 60_000 })],
  ] as const)('reloads the single-%s script with EVAL after SCRIPT FLUSH, and carries on exactly', async (_name, prefix, limit) => {
    const limiter = createLimiter({ limits: limit(), store: redisStore({ client, prefix }) });
    expect((await limiter.consume('k')).remaining).toBe(4);
    await client.script('FLUSH');
    const before = await evalCalls();
    expect((await limiter.consume('k', 2)).remaining).toBe(2);
    expect((await limiter.consume('k')).remaining).toBe(1);
    const after = await evalCalls();
    expect(after.eval - before.eval).toBe(1);
    expect(after.evalsha - before.evalsha).toBe(2);
  });

  it('fixedWindow on Redis\'s clock: the window is the key\'s lifetime, one hash per key, closed by expiry', async () => {
    const limiter = createLimiter({ limits: fixedWindow({ limit: 3, windowMs: 300 }), store: redisStore({ client, prefix: 'fixed:' }) });
    expect(await limiter.consume('k', 0)).toMatchObject({ allowed: true, remaining: 3, resetMs: 0 });
    expect(await client.exists('fixed:default:k')).toBe(0);
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 2, resetMs: 300 });
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limiter.consume('k');
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(300);
    expect(await client.hgetall('fixed:default:k')).toEqual({ n: '3' });
    expect(await client.pttl('fixed:default:k')).toBeLessThanOrEqual(300);
    await sleep(refused.retryAfterMs + 5);
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('fixedWindow on Redis\'s clock: combined with GCRA, a refusal charges neither, and a settle lands in its own window only', async () => {
    const limiter = createLimiter({
      limits: { window: fixedWindow({ limit: 10, windowMs: 300 }), smooth: gcra({ limit: 100, windowMs: 60_000 }) },
      store: redisStore({ client, prefix: 'fixed-combined:' }),
    });
    const held = await limiter.reserve('k', 8);
    expect(held.policies.map((p) => p.remaining)).toEqual([2, 92]);
    const refused = await limiter.consume('k', 3);
    expect(refused.policies.map((p) => [p.allowed, p.remaining])).toEqual([
      [false, 2],
      [true, 92],
    ]);
    await held.settle(5);
    expect((await limiter.consume('k', 0)).policies.map((p) => p.remaining)).toEqual([5, 95]);
    const late = await limiter.reserve('k', 5);
    await sleep(late.resetMs + 5);
    expect((await limiter.consume('k', 10)).policies.map((p) => p.remaining)).toEqual([0, 80]);
    await late.release();
    expect((await limiter.consume('k', 0)).policies.map((p) => p.remaining)).toEqual([0, 85]);
  });

  it('fixedWindow on Redis\'s clock agrees with the memory store on every admission and count: one to three windows, reservations settled in any order', async () => {
    const windowArb = fc.record({ limit: fc.integer({ min: 1, max: 8 }), windowMs: fc.constant(3_600_000) }).map((o) => fixedWindow(o));
    const opArb = fc.record({ kind: fc.constantFrom('consume', 'reserve', 'settle'), cost: fc.integer({ min: 0, max: 8 }) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(windowArb, { minLength: 1, maxLength: 3 }), fc.array(opArb, { maxLength: 25 }), async (algorithms, ops) => {
        // Real time on both sides, windows of an hour: only resetMs may differ, by the run's duration.
        const limits = Object.fromEntries(algorithms.map((a, i) => [`l${i}`, a]));
        const memory = createLimiter({ limits, store: memoryStore() });
        const redis = createLimiter({ limits, store: redisStore({ client, prefix: `diff-fixed:${run++}:` }) });
        const capacity = Math.min(...algorithms.map((a) => a.capacity));
        const counts = (d: Decision) => d.policies.map((p) => [p.allowed, p.remaining, p.resetMs > 0]);
        const held: [Reservation, Reservation][] = [];
        for (const { kind, cost: raw } of ops) {
          const cost = raw % (capacity + 1);
          if (kind === 'settle') {
            const pair = held.shift();
            if (pair !== undefined) await Promise.all([pair[0].settle(cost), pair[1].settle(cost)]);
          } else if (kind === 'reserve') {
            const pair: [Reservation, Reservation] = [await memory.reserve('k', cost), await redis.reserve('k', cost)];
            expect(counts(pair[1])).toEqual(counts(pair[0]));
            held.push(pair);
          } else {
            expect(counts(await redis.consume('k', cost))).toEqual(counts(await memory.consume('k', cost)));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with the memory store on every decision: any algorithms, one to three limits, reservations settled in any order', async () => {
    const algorithmArb: fc.Arbitrary<Algorithm> = fc.oneof(
      fc.record({ limit: fc.integer({ min: 1, max: 8 }), windowMs: fc.integer({ min: 60_000, max: 600_000 }) }).map((o) => gcra(o)),
      fc
        .record({ capacity: fc.integer({ min: 1, max: 8 }), refillAmount: fc.integer({ min: 1, max: 3 }), refillIntervalMs: fc.integer({ min: 60_000, max: 120_000 }) })
        .map((o) => tokenBucket(o)),
      fc.record({ limit: fc.integer({ min: 1, max: 8 }), windowMs: fc.integer({ min: 60_000, max: 600_000 }) }).map((o) => slidingWindow(o)),
      fc.record({ limit: fc.integer({ min: 1, max: 8 }), windowMs: fc.integer({ min: 60_000, max: 600_000 }) }).map((o) => fixedWindow(o)),
    );
    const opArb = fc.record({
      dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120_000 })),
      kind: fc.constantFrom('consume', 'reserve', 'settle'),
      cost: fc.integer({ min: 0, max: 8 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(algorithmArb, { minLength: 1, maxLength: 3 }), fc.array(opArb, { maxLength: 25 }), async (algorithms, ops) => {
        // The clock is injected into both stores; key expiry in Redis still follows real time,
        // so windows are minutes long while a run lasts milliseconds.
        const clock = { t: 1_700_000_000_000 };
        const now = () => clock.t;
        const limits = Object.fromEntries(algorithms.map((a, i) => [`l${i}`, a]));
        const memory = createLimiter({ limits, store: memoryStore({ now, maxKeys: 8 }) });
        const redis = createLimiter({ limits, store: redisStore({ client, now, prefix: `diff:${run++}:` }) });
        const capacity = Math.min(...algorithms.map((a) => a.capacity));
        const held: [Awaited<ReturnType<typeof memory.reserve>>, Awaited<ReturnType<typeof redis.reserve>>][] = [];
        for (const { dt, kind, cost: raw } of ops) {
          clock.t += dt;
          const cost = raw % (capacity + 1);
          if (kind === 'settle') {
            const pair = held.shift();
            if (pair !== undefined) await Promise.all([pair[0].settle(cost), pair[1].settle(cost)]);
          } else if (kind === 'reserve') {
            const pair = [await memory.reserve('k', cost), await redis.reserve('k', cost)] as const;
            expect(JSON.stringify(pair[1])).toBe(JSON.stringify(pair[0]));
            held.push([pair[0], pair[1]]);
          } else {
            expect(await redis.consume('k', cost)).toEqual(await memory.consume('k', cost));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
