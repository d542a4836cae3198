import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPromptwardError, StoreError } from '../../src/errors.js';
import { createLimiter, fixedWindow, gcra, memoryStore, redisStore } from '../../src/ratelimit/index.js';
import type { Decision, LimiterOptions } from '../../src/ratelimit/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { client as makeClient } from './redis-client.js';

let server: RedisServer;
let redis: Redis;
let prefix = 0;

beforeAll(async () => {
  server = await startRedis();
  redis = makeClient(server.port);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

afterEach(async () => {
  // Every test leaves Redis up for the next one.
  await server.start().catch(() => undefined);
});

/** Fails the test instead of hanging it: a decision must come back within `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  const timer = sleep(ms).then(() => {
    throw new Error(`no answer within ${ms} ms`);
  });
  return Promise.race([work, timer]);
}

function limiter(onStoreError: LimiterOptions['onStoreError'], failures: StoreError[] = [], client: Redis = redis) {
  return createLimiter({
    limits: gcra({ limit: 2, windowMs: 3_600_000 }),
    store: redisStore({ client, prefix: `fail:${prefix++}:` }),
    ...(onStoreError === undefined ? {} : { onStoreError }),
    onStoreFailure: (e) => failures.push(e),
  });
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return within(2_000, work.then(() => 'resolved', (e: unknown) => e));
}

/** Waits (up to 5 s) until the store decides again. */
async function recovered(l: ReturnType<typeof limiter>): Promise<Decision> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const d = await l.consume('k').catch(() => undefined);
    if (d?.source === 'store') return d;
    await sleep(100);
  }
  throw new Error('the limiter did not recover within 5 s of Redis coming back');
}

async function ready(): Promise<void> {
  for (let attempt = 0; attempt < 50 && redis.status !== 'ready'; attempt++) await sleep(100);
  expect(redis.status).toBe('ready');
}

describe('Redis down at start', () => {
  // A client made while Redis is down has never connected: the case of an app booting first.
  let fresh: Redis;
  afterEach(() => fresh?.disconnect());

  it('fail closed (default): a typed PW_STORE error, HTTP 503, with the cause; recovers when Redis returns', async () => {
    await server.stop();
    fresh = makeClient(server.port);
    const failures: StoreError[] = [];
    const l = limiter(undefined, failures, fresh);
    const error = await refusal(l.consume('k'));
    expect(error).toBeInstanceOf(StoreError);
    expect(isPromptwardError(error) && [error.code, error.statusCode]).toEqual(['PW_STORE', 503]);
    expect((error as StoreError).message).toMatch(/rate-limit store failed: .+/);
    expect((error as StoreError).cause).toBeInstanceOf(Error);
    expect(failures).toHaveLength(1);
    await server.start();
    expect((await recovered(l)).allowed).toBe(true);
  });

  it('fail open: admitted, marked as such', async () => {
    await server.stop();
    fresh = makeClient(server.port);
    const l = limiter('open', [], fresh);
    for (let i = 0; i < 5; i++) {
      expect(await within(2_000, l.consume('k'))).toMatchObject({ allowed: true, source: 'open', remaining: 2 });
    }
    await server.start();
    await recovered(l);
  });

  it('insurance: the memory limiter decides, with the same limits', async () => {
    await server.stop();
    fresh = makeClient(server.port);
    const l = limiter(memoryStore(), [], fresh);
    expect(await within(2_000, l.consume('k'))).toMatchObject({ allowed: true, source: 'insurance', remaining: 1 });
    expect(await within(2_000, l.consume('k'))).toMatchObject({ allowed: true, source: 'insurance', remaining: 0 });
    expect(await within(2_000, l.consume('k'))).toMatchObject({ allowed: false, source: 'insurance' });
    await server.start();
    expect(await recovered(l)).toMatchObject({ allowed: true, source: 'store', remaining: 1 });
  });
  it('a fixed window fails like any limit: closed throws PW_STORE, open admits, insurance counts in memory', async () => {
    await server.stop();
    fresh = makeClient(server.port);
    const make = (onStoreError: NonNullable<LimiterOptions['onStoreError']>) =>
      createLimiter({ limits: fixedWindow({ limit: 2, windowMs: 3_600_000 }), store: redisStore({ client: fresh, prefix: `fail:${prefix++}:` }), onStoreError });
    expect(await refusal(make('closed').consume('k'))).toBeInstanceOf(StoreError);
    expect(await within(2_000, make('open').consume('k'))).toMatchObject({ allowed: true, source: 'open', remaining: 2 });
    const insured = make(memoryStore());
    const held = await within(2_000, insured.reserve('k', 2));
    expect(held).toMatchObject({ allowed: true, source: 'insurance', remaining: 0 });
    await held.settle(1);
    expect(await within(2_000, insured.consume('k'))).toMatchObject({ allowed: true, source: 'insurance', remaining: 0 });
    expect(await within(2_000, insured.consume('k'))).toMatchObject({ allowed: false, source: 'insurance' });
    await server.start();
    expect(await recovered(insured as ReturnType<typeof limiter>)).toMatchObject({ allowed: true, source: 'store', remaining: 1 });
  });
});

describe('Redis killed mid-test', () => {
  it('each failure mode answers at once while Redis is gone, and the store decides again once it is back', async () => {
    await ready();
    const closed = limiter('closed');
    const open = limiter('open');
    const insured = limiter(memoryStore());
    for (const l of [closed, open, insured]) expect(await l.consume('k')).toMatchObject({ source: 'store', remaining: 1 });
    const held = await closed.reserve('t', 1);

    await server.kill();
    expect(await refusal(closed.consume('k'))).toBeInstanceOf(StoreError);
    expect(await refusal(held.settle(2))).toBeInstanceOf(StoreError);
    expect(await within(2_000, open.consume('k'))).toMatchObject({ allowed: true, source: 'open' });
    // The insurance store knows nothing of what Redis had counted: it starts afresh.
    expect(await within(2_000, insured.consume('k'))).toMatchObject({ allowed: true, source: 'insurance', remaining: 1 });

    // A fresh server is empty (no persistence), so every limit starts afresh after recovery.
    await server.start();
    expect(await recovered(closed)).toMatchObject({ allowed: true, remaining: 1 });
    await recovered(open);
    await recovered(insured);
  });
});
