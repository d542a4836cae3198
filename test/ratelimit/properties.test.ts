import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLimiter, fixedWindow, gcra, memoryStore, slidingWindow, tokenBucket } from '../../src/ratelimit/index.js';
import type { Algorithm, Decision } from '../../src/ratelimit/index.js';

/** An algorithm, and the most it may admit between two admissions `span` ms apart (`0` = same instant). */
interface Spec {
  algorithm: Algorithm;
  describe: string;
  /** Most units admissible in any closed interval of `span` ms; undefined for window-based checks. */
  bound?: (span: number) => number;
}

const named = (spec: Spec): Spec => Object.assign(spec, { [fc.toStringMethod]: () => spec.describe });

const fixedArb = fc.record({ limit: fc.integer({ min: 1, max: 10 }), windowMs: fc.integer({ min: 10, max: 5_000 }) });

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  fc
    .record({ limit: fc.integer({ min: 1, max: 10 }), windowMs: fc.integer({ min: 10, max: 5_000 }), burst: fc.integer({ min: 1, max: 10 }) })
    .map((o) => named({ algorithm: gcra(o), describe: `gcra ${JSON.stringify(o)}`, bound: (span: number) => o.burst + (span * o.limit) / o.windowMs })),
  fc
    .record({ capacity: fc.integer({ min: 1, max: 10 }), refillAmount: fc.integer({ min: 1, max: 5 }), refillIntervalMs: fc.integer({ min: 10, max: 2_000 }) })
    .map((o) => named({
      algorithm: tokenBucket(o),
      describe: `tokenBucket ${JSON.stringify(o)}`,
      bound: (span: number) => o.capacity + o.refillAmount * Math.ceil(span / o.refillIntervalMs),
    })),
  fc
    .record({ limit: fc.integer({ min: 1, max: 10 }), windowMs: fc.integer({ min: 10, max: 5_000 }) })
    .map((o) => named({ algorithm: slidingWindow(o), describe: `slidingWindow ${JSON.stringify(o)}` })),
  fixedArb.map((o) => named({ algorithm: fixedWindow(o), describe: `fixedWindow ${JSON.stringify(o)}`, bound: (span: number) => (span < o.windowMs ? 2 * o.limit : Infinity) })),
);

const stepsArb = fc.array(
  fc.record({ dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3_000 })), cost: fc.integer({ min: 0, max: 10 }) }),
  { maxLength: 80 },
);

function setup(algorithms: Algorithm | Record<string, Algorithm>) {
  const clock = { t: 1_000_000 };
  const now = () => clock.t;
  return { clock, a: createLimiter({ limits: algorithms, store: memoryStore({ now, maxKeys: 8 }) }), b: createLimiter({ limits: algorithms, store: memoryStore({ now, maxKeys: 8 }) }) };
}

const fitCost = (cost: number, algorithm: Algorithm) => cost % (algorithm.capacity + 1);

describe('rate-limit properties (memory store, injected clock)', () => {
  it('never admits more than the limit allows in any window, and remaining is never negative', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, stepsArb, async (spec, steps) => {
        const { clock, a } = setup(spec.algorithm);
        const admitted: { at: number; cost: number }[] = [];
        for (const { dt, cost: raw } of steps) {
          clock.t += dt;
          const cost = fitCost(raw, spec.algorithm);
          const d = await a.consume('k', cost);
          const sane = d.remaining >= 0 && Number.isInteger(d.remaining) && Number.isInteger(d.resetMs) && d.resetMs >= 0;
          if (!sane || (d.allowed ? d.retryAfterMs !== 0 : !(d.retryAfterMs > 0))) expect.fail(`bad decision ${JSON.stringify(d)}`);
          if (d.allowed) admitted.push({ at: clock.t, cost });
        }
        for (let i = 0; i < admitted.length; i++) {
          let sum = 0;
          for (let j = i; j < admitted.length; j++) {
            const { at, cost } = admitted[j] as { at: number; cost: number };
            sum += cost;
            const span = at - (admitted[i] as { at: number }).at;
            const most = spec.bound !== undefined ? spec.bound(span) + 1e-9 : span < spec.algorithm.windowMs ? spec.algorithm.limit : Infinity;
            if (sum > most) expect.fail(`${sum} admitted within ${span} ms, at most ${most} allowed`);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fixedWindow: never more than limit admitted within one window, and remaining is exactly limit minus the window\'s count', async () => {
    await fc.assert(
      fc.asyncProperty(fixedArb, stepsArb, async (o, steps) => {
        const { clock, a } = setup(fixedWindow(o));
        // The window the calls should see: opened by the first admitted charge after the last closed.
        let end = -Infinity;
        let count = 0;
        for (const { dt, cost: raw } of steps) {
          clock.t += dt;
          const cost = raw % (o.limit + 1);
          const d = await a.consume('k', cost);
          const live = clock.t < end;
          if (!live) count = 0;
          if (d.allowed && cost > 0) {
            if (!live) end = clock.t + o.windowMs;
            count += cost;
          }
          if (count > o.limit) expect.fail(`${count} admitted in the window closing at ${end}, limit ${o.limit}`);
          expect(d.remaining).toBe(o.limit - count);
          expect(d.allowed).toBe(count + (d.allowed ? 0 : cost) <= o.limit);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a refused call is admitted once retryAfterMs has passed', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, stepsArb, fc.integer({ min: 1, max: 10 }), async (spec, steps, raw) => {
        const { clock, a } = setup(spec.algorithm);
        for (const { dt, cost } of steps) {
          clock.t += dt;
          await a.consume('k', fitCost(cost, spec.algorithm));
        }
        const cost = fitCost(raw, spec.algorithm);
        const refused = await a.consume('k', cost);
        if (refused.allowed) return;
        clock.t += refused.retryAfterMs - 1;
        expect((await a.consume('k', cost)).allowed).toBe(false);
        clock.t += 1;
        expect((await a.consume('k', cost)).allowed).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('settling a reservation with the actual cost leaves the same state as consuming the actual cost directly', async () => {
    await fc.assert(
      fc.asyncProperty(
        specArb,
        stepsArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 6_000 }),
        stepsArb,
        async (spec, before, rawEstimate, rawActual, gap, after) => {
          const { clock, a, b } = setup(spec.algorithm);
          for (const { dt, cost } of before) {
            clock.t += dt;
            expect(await a.consume('k', fitCost(cost, spec.algorithm))).toEqual(await b.consume('k', fitCost(cost, spec.algorithm)));
          }
          const held = await a.reserve('k', fitCost(rawEstimate, spec.algorithm));
          const direct = await b.consume('k', fitCost(rawActual, spec.algorithm));
          fc.pre(held.allowed && direct.allowed);
          clock.t += gap;
          await held.settle(fitCost(rawActual, spec.algorithm));
          for (const { dt, cost } of after) {
            clock.t += dt;
            expect(await a.consume('k', fitCost(cost, spec.algorithm))).toEqual(await b.consume('k', fitCost(cost, spec.algorithm)));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a refused combined call leaves every limit as if it never happened', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, specArb, stepsArb, async (first, second, steps) => {
        const limits = { first: first.algorithm, second: second.algorithm };
        const { clock, a, b } = setup(limits);
        const capacity = Math.min(first.algorithm.capacity, second.algorithm.capacity);
        for (const { dt, cost: raw } of steps) {
          clock.t += dt;
          const cost = raw % (capacity + 1);
          const d: Decision = await a.consume('k', cost);
          expect(d.allowed).toBe(d.policies.every((p) => p.allowed));
          // The twin only sees the calls that were admitted, and must agree on each.
          if (d.allowed) expect(await b.consume('k', cost)).toEqual(d);
        }
      }),
      { numRuns: 400 },
    );
  });
});
