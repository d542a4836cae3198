import { positiveFinite, positiveInteger } from './check.js';
import type { Algorithm, Evaluation, LimitState } from './types.js';

/**
 * Options of {@link gcra}.
 *
 * @example
 * const options: GcraOptions = { limit: 60, windowMs: 60_000, burst: 10 };
 */
export interface GcraOptions {
  /** Units admitted per window, on average. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
  /** Units that may be spent at once after a quiet spell; defaults to `limit`. */
  burst?: number;
}

// Float sums of the emission interval drift by an ulp or two; this slack (a millionth of a
// millisecond) keeps `limit` back-to-back calls admissible without admitting anything extra.
const SLACK = 1e-6;

/**
 * How far ahead of now (ms) a GCRA arrival time may run and still admit: the tolerance plus
 * the slack. The memory store and the Redis store both compare against this one number.
 *
 * @example
 * const admits = next - now <= gcraThreshold(tolerance);
 */
export const gcraThreshold = (tolerance: number): number => tolerance + SLACK;

/**
 * Whole units left when the arrival time stands `ahead` ms past now.
 *
 * @example
 * gcraRemaining(1_000, 60_000, 2_000); // 58
 */
export const gcraRemaining = (interval: number, tolerance: number, ahead: number): number => Math.max(0, Math.floor((tolerance - ahead) / interval + SLACK));

/**
 * Milliseconds until the limit is whole again when the arrival time stands `ahead` ms past now.
 *
 * @example
 * gcraReset(2_000.5); // 2001
 */
export const gcraReset = (ahead: number): number => Math.max(0, Math.ceil(ahead - SLACK));

/**
 * Milliseconds until a refused charge fits, when it would have put the arrival time `beyond`
 * ms past now.
 *
 * @example
 * gcraRetry(60_000, 61_000); // 1000
 */
export const gcraRetry = (tolerance: number, beyond: number): number => Math.ceil(beyond - tolerance - SLACK);

/**
 * GCRA, the generic cell rate algorithm: one timestamp per key (the theoretical arrival time
 * of the next unit), smooth and exact. A key admits `burst` units at once, then one unit every
 * `windowMs / limit` milliseconds. The default algorithm.
 *
 * @example
 * const perMinute = gcra({ limit: 60, windowMs: 60_000 });
 * const limiter = createLimiter({ limits: perMinute });
 */
/* @__NO_SIDE_EFFECTS__ */
export function gcra(options: GcraOptions): Algorithm {
  const limit = positiveInteger('gcra limit', options.limit);
  const windowMs = positiveFinite('gcra windowMs', options.windowMs);
  const burst = positiveInteger('gcra burst', options.burst ?? limit);
  // Emission interval: the time one unit takes to drain.
  const interval = windowMs / limit;
  const tolerance = burst * interval;
  const threshold = gcraThreshold(tolerance);
  return {
    kind: 'gcra',
    limit,
    windowMs,
    capacity: burst,
    params: [interval, tolerance, windowMs],
    evaluate(state: LimitState | undefined, now: number, cost: number): Evaluation {
      const tat = state === undefined ? now : Math.max(state as number, now);
      const next = tat + cost * interval;
      const allowed = next - now <= threshold;
      const after = allowed ? next : tat;
      return {
        allowed,
        remaining: gcraRemaining(interval, tolerance, after - now),
        resetMs: gcraReset(after - now),
        retryAfterMs: allowed ? 0 : gcraRetry(tolerance, next - now),
        limit,
        next: after,
      };
    },
    adjust(state: LimitState | undefined, now: number, _id: string, from: number, to: number): LimitState | undefined {
      // Not clamped to `now` before adding: a charge settled after the arrival time passed
      // must land where charging `to` up front would have put it.
      const tat = Math.max((state === undefined ? now : (state as number)) + (to - from) * interval, now);
      return tat > now ? tat : undefined;
    },
  };
}
