import { describe, expect, it } from 'vitest';
import { createLimiter, gcra, memoryStore } from '../../src/ratelimit/index.js';
import type { RateLimitStore } from '../../src/ratelimit/index.js';

describe('memoryStore', () => {
  it('holds at most maxKeys keys under a flood of distinct keys, forgetting the least recently used', async () => {
    const store = memoryStore({ maxKeys: 1_000 });
    const limiter = createLimiter({ limits: gcra({ limit: 1, windowMs: 60_000 }), store });
    await limiter.consume('kept');
    for (let i = 0; i < 20_000; i++) {
      await limiter.consume(`flood-${i}`);
      if (i % 500 === 0) await limiter.consume('kept');
    }
    expect(store.size).toBe(1_000);
    // Recently used, so still counted: its one unit per minute is spent.
    expect((await limiter.consume('kept')).allowed).toBe(false);
    // Long forgotten: starts afresh.
    expect((await limiter.consume('flood-0')).allowed).toBe(true);
  });

  it('forgets a key whose charge is released, and keeps the order of the rest', async () => {
    const store = memoryStore({ maxKeys: 2 });
    const limiter = createLimiter({ limits: gcra({ limit: 1, windowMs: 60_000 }), store });
    const held = await limiter.reserve('a', 1);
    await limiter.consume('b');
    await held.release();
    expect(store.size).toBe(1);
    await limiter.consume('c');
    // 'b' and 'c' fit: both still counted.
    expect((await limiter.consume('b')).allowed).toBe(false);
    expect((await limiter.consume('c')).allowed).toBe(false);
    expect((await limiter.consume('a')).allowed).toBe(true);
  });
});

describe('a store of its own', () => {
  it('decides a single limit through the public consume', async () => {
    const inner = memoryStore();
    const calls: number[] = [];
    const store: RateLimitStore = {
      consume: (limits, cost, id, hold) => {
        calls.push(limits.length);
        return Promise.resolve(inner.consume(limits, cost, id, hold));
      },
      adjust: (limits, id, from, to) => inner.adjust(limits, id, from, to),
    };
    const limiter = createLimiter({ limits: gcra({ limit: 2, windowMs: 60_000 }), store });
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 1, source: 'store', policies: [{ name: 'default', remaining: 1 }] });
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, remaining: 0 });
    expect(calls).toEqual([1, 1, 1]);
  });

  it('falls back as configured when it throws instead of rejecting', async () => {
    const store: RateLimitStore = {
      consume: () => {
        throw new Error('down');
      },
      adjust: () => undefined,
    };
    const open = createLimiter({ limits: gcra({ limit: 2, windowMs: 60_000 }), store, onStoreError: 'open' });
    expect(await open.consume('k')).toMatchObject({ allowed: true, source: 'open', remaining: 2 });
    const closed = createLimiter({ limits: gcra({ limit: 2, windowMs: 60_000 }), store });
    await expect(closed.consume('k')).rejects.toMatchObject({ code: 'PW_STORE' });
  });
});
