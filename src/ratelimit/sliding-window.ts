import { positiveFinite, positiveInteger } from './check.js';
import type { Algorithm, Evaluation, LimitState } from './types.js';

/**
 * Options of {@link slidingWindow}.
 *
 * @example
 * const options: SlidingWindowOptions = { limit: 100, windowMs: 3_600_000 };
 */
export interface SlidingWindowOptions {
  /** Units admitted in any window of `windowMs`. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
}

/** One admitted charge: when, how much, and its name for a later settle. */
interface Charge {
  readonly at: number;
  cost: number;
  readonly id: string;
}

/**
 * Sliding window log: keeps each admitted charge for `windowMs`, so no window of that length
 * ever holds more than `limit` units, wherever it starts. Exact where GCRA is smooth; memory
 * per key grows with the number of calls in a window (at most `limit` for costs of 1 or more).
 *
 * @example
 * const hourly = slidingWindow({ limit: 100, windowMs: 3_600_000 });
 */
/* @__NO_SIDE_EFFECTS__ */
export function slidingWindow(options: SlidingWindowOptions): Algorithm {
  const limit = positiveInteger('slidingWindow limit', options.limit);
  const windowMs = positiveFinite('slidingWindow windowMs', options.windowMs);

  // Charges still inside the window `(now - windowMs, now]`, oldest first.
  function live(state: LimitState | undefined, now: number): Charge[] {
    if (state === undefined) return [];
    const charges = state as Charge[];
    let first = 0;
    while (first < charges.length && (charges[first] as Charge).at <= now - windowMs) first++;
    return first === 0 ? charges : charges.slice(first);
  }

  function used(charges: readonly Charge[]): number {
    let sum = 0;
    for (const charge of charges) sum += charge.cost;
    return sum;
  }

  return {
    kind: 'sliding-window',
    limit,
    windowMs,
    capacity: limit,
    params: [limit, windowMs],
    evaluate(state: LimitState | undefined, now: number, cost: number, id: string, hold: boolean): Evaluation {
      const charges = live(state, now);
      const before = used(charges);
      const allowed = before + cost <= limit;
      let retryAfterMs = 0;
      if (!allowed) {
        // The earliest moment enough old charges have left the window for this one to fit.
        let freed = 0;
        for (const charge of charges) {
          freed += charge.cost;
          if (before - freed + cost <= limit) {
            retryAfterMs = Math.ceil(charge.at + windowMs - now);
            break;
          }
        }
      }
      const next = allowed && (cost > 0 || hold) ? [...charges, { at: now, cost, id }] : charges;
      const last = next[next.length - 1];
      return {
        allowed,
        remaining: Math.max(0, Math.floor(limit - (allowed ? before + cost : before))),
        resetMs: last === undefined ? 0 : Math.max(0, Math.ceil(last.at + windowMs - now)),
        retryAfterMs,
        limit,
        next,
      };
    },
    adjust(state: LimitState | undefined, now: number, id: string, _from: number, to: number): LimitState | undefined {
      // A charge that already left the window is gone for good, as it would be had `to`
      // been charged up front; only a live one is changed.
      // A charge settled at 0 is dropped, as a call charged 0 up front leaves no charge.
      const charges = live(state, now);
      const index = charges.findIndex((c) => c.id === id);
      const charge = charges[index];
      if (charge !== undefined && to > 0) charge.cost = to;
      const next = charge !== undefined && to === 0 ? charges.filter((_, i) => i !== index) : charges;
      return next.length === 0 ? undefined : next;
    },
  };
}
