import { describe, expect, it } from 'vitest';
import { isPromptwardError } from '../../src/errors.js';
import { createLimiter, fixedWindow, gcra, memoryStore, slidingWindow, tokenBucket } from '../../src/ratelimit/index.js';

function clocked() {
  const clock = { t: 1_000_000 };
  const store = memoryStore({ now: () => clock.t });
  return { clock, store };
}

describe('gcra', () => {
  it('admits the burst at once, then one unit per emission interval', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: gcra({ limit: 3, windowMs: 3_000 }), store });
    const first = await limiter.consume('k');
    expect(first).toMatchObject({ allowed: true, remaining: 2, resetMs: 1_000, retryAfterMs: 0, limit: 3, source: 'store' });
    await limiter.consume('k');
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 0, resetMs: 3_000 });
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 1_000 });
    clock.t += 999;
    expect((await limiter.consume('k')).allowed).toBe(false);
    clock.t += 1;
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('charges a cost in units and keeps keys apart', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: gcra({ limit: 10, windowMs: 1_000 }), store });
    expect(await limiter.consume('a', 7)).toMatchObject({ allowed: true, remaining: 3 });
    expect(await limiter.consume('a', 4)).toMatchObject({ allowed: false, remaining: 3, retryAfterMs: 100 });
    expect(await limiter.consume('b', 10)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('honours a burst smaller than the limit', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: gcra({ limit: 60, windowMs: 60_000, burst: 2 }), store });
    expect((await limiter.consume('k', 2)).allowed).toBe(true);
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
  });
});

describe('tokenBucket', () => {
  it('refills in whole steps up to its capacity', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: tokenBucket({ capacity: 10, refillAmount: 4, refillIntervalMs: 1_000 }), store });
    expect(await limiter.consume('k', 10)).toMatchObject({ allowed: true, remaining: 0, resetMs: 3_000 });
    expect(await limiter.consume('k', 5)).toMatchObject({ allowed: false, retryAfterMs: 2_000 });
    clock.t += 1_999;
    expect(await limiter.consume('k', 5)).toMatchObject({ allowed: false, remaining: 4, retryAfterMs: 1 });
    clock.t += 1;
    expect(await limiter.consume('k', 5)).toMatchObject({ allowed: true, remaining: 3 });
    clock.t += 60_000;
    expect(await limiter.consume('k', 0)).toMatchObject({ allowed: true, remaining: 10, resetMs: 0 });
  });
});

describe('slidingWindow', () => {
  it('counts every charge of the last window, wherever the window starts', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: slidingWindow({ limit: 3, windowMs: 1_000 }), store });
    await limiter.consume('k');
    clock.t += 600;
    await limiter.consume('k', 2);
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 400, resetMs: 1_000 });
    clock.t += 400;
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, retryAfterMs: 600 });
  });
});

describe('fixedWindow', () => {
  it('opens a window at the first charge, counts up to the limit in it, and refuses until it closes', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: fixedWindow({ limit: 3, windowMs: 1_000 }), store });
    expect(await limiter.consume('k', 0)).toMatchObject({ allowed: true, remaining: 3, resetMs: 0 });
    clock.t += 100;
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 2, resetMs: 1_000, retryAfterMs: 0, limit: 3 });
    clock.t += 600;
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 0, resetMs: 400 });
    expect(await limiter.consume('k')).toMatchObject({ allowed: false, remaining: 0, resetMs: 400, retryAfterMs: 400 });
    clock.t += 399;
    expect((await limiter.consume('k')).allowed).toBe(false);
    clock.t += 1;
    expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 2, resetMs: 1_000 });
  });

  it('admits up to twice the limit within one windowMs across a window edge, as documented', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: fixedWindow({ limit: 5, windowMs: 1_000 }), store });
    await limiter.consume('k');
    clock.t += 998;
    expect((await limiter.consume('k', 4)).allowed).toBe(true);
    clock.t += 2;
    expect((await limiter.consume('k', 5)).allowed).toBe(true);
  });

  it('settles a reservation into the window it was charged in, never into a later one', async () => {
    const { clock, store } = clocked();
    const limiter = createLimiter({ limits: fixedWindow({ limit: 100, windowMs: 1_000 }), store });
    const kept = await limiter.reserve('u', 60);
    await kept.settle(20);
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 80 });
    const late = await limiter.reserve('u', 70);
    clock.t += 1_000;
    expect(await limiter.consume('u', 90)).toMatchObject({ allowed: true, remaining: 10 });
    // Its window closed: the refund of 70 must not lend the new window room it never had.
    await late.release();
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 10 });
    expect(store.size).toBe(1);
  });

  it('counts whole units only, and needs whole milliseconds', async () => {
    const limiter = createLimiter({ limits: { a: gcra({ limit: 10, windowMs: 1_000 }), b: fixedWindow({ limit: 10, windowMs: 1_000 }) } });
    await expect(limiter.consume('k', 1.5)).rejects.toThrow(/whole number/);
    await expect(createLimiter({ limits: fixedWindow({ limit: 10, windowMs: 1_000 }) }).consume('k', 0.5)).rejects.toThrow(/whole number/);
    const held = await limiter.reserve('k', 2);
    await expect(held.settle(2.5)).rejects.toThrow(/whole number/);
    expect(() => fixedWindow({ limit: 10, windowMs: 1.5 })).toThrow(/positive integer/);
  });
});

describe('createLimiter', () => {
  it('combines limits: refused by one, charged to none', async () => {
    const { store } = clocked();
    const limiter = createLimiter({
      limits: { second: gcra({ limit: 5, windowMs: 1_000 }), day: slidingWindow({ limit: 8, windowMs: 86_400_000 }) },
      store,
    });
    expect(await limiter.consume('u', 5)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limiter.consume('u', 3);
    expect(refused.allowed).toBe(false);
    expect(refused.policies.map((p) => [p.name, p.allowed, p.remaining])).toEqual([
      ['second', false, 0],
      ['day', true, 3],
    ]);
    expect(refused.retryAfterMs).toBe(600);
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 0 });
    expect((await limiter.consume('u', 0)).policies[1]).toMatchObject({ remaining: 3 });
  });

  it('takes one key per limit, such as per user and per IP', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: { user: gcra({ limit: 2, windowMs: 1_000 }), ip: gcra({ limit: 3, windowMs: 1_000 }) }, store });
    expect((await limiter.consume({ user: 'alice', ip: '10.0.0.1' })).allowed).toBe(true);
    expect((await limiter.consume({ user: 'bob', ip: '10.0.0.1' })).allowed).toBe(true);
    const third = await limiter.consume({ user: 'carol', ip: '10.0.0.1' });
    expect(third).toMatchObject({ allowed: true, remaining: 0 });
    expect(third.policies[1]).toMatchObject({ name: 'ip', remaining: 0 });
    expect((await limiter.consume({ user: 'dave', ip: '10.0.0.1' })).allowed).toBe(false);
    await expect(limiter.consume({ user: 'erin' })).rejects.toThrow(/no key given for limit "ip"/);
  });

  it('rejects a cost no limit could ever admit, and invalid costs and names', async () => {
    const limiter = createLimiter({ limits: gcra({ limit: 10, windowMs: 1_000 }) });
    const error: unknown = await limiter.consume('k', 11).catch((e: unknown) => e);
    expect(isPromptwardError(error) && error.code).toBe('PW_INVALID_INPUT');
    await expect(limiter.consume('k', -1)).rejects.toThrow(/non-negative/);
    await expect(limiter.consume('k', Number.NaN)).rejects.toThrow(/non-negative/);
    expect(() => createLimiter({ limits: { 'a:b': gcra({ limit: 1, windowMs: 1 }) } })).toThrow(/limit name/);
    expect(() => gcra({ limit: 0, windowMs: 1 })).toThrow(/positive integer/);
    expect(() => tokenBucket({ capacity: 1, refillAmount: 1, refillIntervalMs: 0 })).toThrow(/positive finite/);
  });
});

describe('reserve and settle', () => {
  it('holds the estimate, then charges the difference or refunds it', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: gcra({ limit: 1_000, windowMs: 60_000 }), store });
    const held = await limiter.reserve('u', 600);
    expect(held).toMatchObject({ allowed: true, remaining: 400, estimate: 600 });
    expect((await limiter.consume('u', 500)).allowed).toBe(false);
    await held.settle(250);
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 750 });
    await held.settle(1_000);
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 750 });
  });

  it('charges past the limit when the real cost overshoots: the call already happened', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: tokenBucket({ capacity: 100, refillAmount: 10, refillIntervalMs: 1_000 }), store });
    const held = await limiter.reserve('u', 50);
    await held.settle(130);
    expect(await limiter.consume('u', 1)).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 4_000 });
  });

  it('releases the whole estimate for a failed call, and ignores a refused reservation', async () => {
    const { store } = clocked();
    const limiter = createLimiter({ limits: slidingWindow({ limit: 100, windowMs: 60_000 }), store });
    const held = await limiter.reserve('u', 80);
    const refused = await limiter.reserve('u', 30);
    expect(refused.allowed).toBe(false);
    await refused.settle(30);
    await held.release();
    expect(await limiter.consume('u', 0)).toMatchObject({ remaining: 100 });
  });
});
