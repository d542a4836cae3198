import { positiveInteger } from './check.js';
import { CHARGE_ONE, type ChargesOne } from './one-limit.js';
import type { Algorithm, Evaluation, LimitState } from './types.js';

/**
 * Options of {@link fixedWindow}.
 *
 * @example
 * const options: FixedWindowOptions = { limit: 100, windowMs: 60_000 };
 */
export interface FixedWindowOptions {
  /** Units admitted per window. */
  limit: number;
  /** The window, in whole milliseconds (Redis expires keys in whole milliseconds). */
  windowMs: number;
}

/** One open window: units charged in it, when it closes, and the reservations it holds. */
interface Window {
  /** Changed in place only by a single-limit charge to an open window ({@link CHARGE_ONE}). */
  used: number;
  readonly end: number;
  /** Ids of reservations charged in this window, so a settle finds its own window only. */
  readonly holds: readonly string[] | undefined;
}

// What a key holds when no window is open; never live, since no time is before -Infinity.
const CLOSED: Window = { used: 0, end: -Infinity, holds: undefined };

/**
 * Fixed window counter: the first charge to a key opens a window of `windowMs`, which counts
 * up to `limit` units and then refuses until it closes; the next charge opens a new one. The
 * cheapest algorithm (one counter per key; in Redis the window is the key's own expiry, so no
 * clock is read), and the one most rate limiters use by default, but coarse: **up to twice
 * `limit` can pass within `windowMs`** across a window edge (`limit` just before a window
 * closes, `limit` again just after). Use {@link gcra} or {@link slidingWindow} when that
 * burst matters. Costs must be whole numbers, since Redis counts them with integer increments.
 *
 * A reservation settles into the window it was charged in; settled after that window closed,
 * its difference is gone with the window, as it would be had the real cost been charged.
 *
 * @example
 * const perMinute = fixedWindow({ limit: 100, windowMs: 60_000 });
 * const limiter = createLimiter({ limits: perMinute, store: redisStore({ client }) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function fixedWindow(options: FixedWindowOptions): Algorithm {
  const limit = positiveInteger('fixedWindow limit', options.limit);
  const windowMs = positiveInteger('fixedWindow windowMs', options.windowMs);
  const algorithm: Algorithm & ChargesOne = {
    kind: 'fixed-window',
    limit,
    windowMs,
    capacity: limit,
    params: [limit, windowMs],
    evaluate(state: LimitState | undefined, now: number, cost: number, id: string, hold: boolean): Evaluation {
      const open = (state as Window | undefined) ?? CLOSED;
      const live = now < open.end;
      const used = live ? open.used : 0;
      const allowed = used + cost <= limit;
      // A zero-cost call leaves no charge, so it opens no window; a held one does, for its settle.
      const records = allowed && (cost > 0 || hold);
      const holds = hold ? [...((live && open.holds) || []), id] : live ? open.holds : undefined;
      const next: Window = records ? { used: used + cost, end: live ? open.end : now + windowMs, holds } : live ? open : CLOSED;
      return {
        allowed,
        remaining: Math.max(0, limit - (allowed ? used + cost : used)),
        resetMs: live ? Math.ceil(open.end - now) : records ? windowMs : 0,
        retryAfterMs: allowed ? 0 : Math.ceil(open.end - now),
        limit,
        next,
      };
    },
    adjust(state: LimitState | undefined, now: number, id: string, from: number, to: number): LimitState | undefined {
      const open = state as Window | undefined;
      if (open === undefined || now >= open.end) return undefined;
      const index = open.holds?.indexOf(id) ?? -1;
      if (index < 0) return open;
      const holds = open.holds?.filter((_, i) => i !== index);
      const used = open.used + to - from;
      // A window left with nothing charged and nothing held closes, as if never opened: a
      // reservation settled at 0 must leave what a call charged 0 up front leaves.
      if (used === 0 && holds?.length === 0) return undefined;
      return { used, end: open.end, holds: holds?.length === 0 ? undefined : holds } satisfies Window;
    },
    // The common case, a charge to the open window of a key, counts in place, as a counter
    // would: no new state per decision. Opening a window or holding a charge takes `evaluate`.
    [CHARGE_ONE](state: LimitState | undefined, now: number, cost: number, id: string, hold: boolean): Evaluation {
      const open = state as Window | undefined;
      if (open === undefined || hold || !(now < open.end) || open.used + cost > limit) return algorithm.evaluate(state, now, cost, id, hold);
      open.used += cost;
      return { allowed: true, remaining: limit - open.used, resetMs: Math.ceil(open.end - now), retryAfterMs: 0, limit, next: open };
    },
  };
  return algorithm;
}
