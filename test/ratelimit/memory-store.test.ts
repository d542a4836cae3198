import { describe, expect, it } from 'vitest';
import { createLimiter, gcra, memoryStore } from '../../src/ratelimit/index.js';

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
});
