import { positiveFinite, positiveInteger } from './check.js';
import type { Algorithm, Evaluation, LimitState } from './types.js';

/**
 * Options of {@link tokenBucket}.
 *
 * @example
 * const options: TokenBucketOptions = { capacity: 10_000, refillAmount: 1_000, refillIntervalMs: 6_000 };
 */
export interface TokenBucketOptions {
  /** Tokens the bucket holds when full; also the largest cost admitted at once. */
  capacity: number;
  /** Tokens added at each refill. */
  refillAmount: number;
  /** Milliseconds between refills. */
  refillIntervalMs: number;
}

/** Tokens in the bucket and the time of the last refill tick. */
type Bucket = readonly [tokens: number, tick: number];

/**
 * Token bucket with discrete refills: `refillAmount` tokens every `refillIntervalMs`, up to
 * `capacity`. Unlike {@link gcra}, capacity and rate are set apart and tokens arrive in steps,
 * the way many provider quotas are written ("10,000 tokens, refilled by 1,000 every 6 s").
 *
 * @example
 * const tokens = tokenBucket({ capacity: 10_000, refillAmount: 1_000, refillIntervalMs: 6_000 });
 */
/* @__NO_SIDE_EFFECTS__ */
export function tokenBucket(options: TokenBucketOptions): Algorithm {
  const capacity = positiveInteger('tokenBucket capacity', options.capacity);
  const amount = positiveInteger('tokenBucket refillAmount', options.refillAmount);
  const interval = positiveFinite('tokenBucket refillIntervalMs', options.refillIntervalMs);

  function refill(state: LimitState | undefined, now: number): Bucket {
    if (state === undefined) return [capacity, now];
    const [tokens, tick] = state as Bucket;
    const ticks = Math.max(0, Math.floor((now - tick) / interval));
    const refilled = tokens + ticks * amount;
    // A full bucket restarts its refill clock when next drawn from, so a full bucket and a
    // missing one (expired in Redis, evicted in memory) behave the same.
    return refilled >= capacity ? [capacity, now] : [refilled, tick + ticks * interval];
  }

  // Time until the bucket holds `target` tokens again, counted in whole refill ticks.
  function until(tokens: number, tick: number, now: number, target: number): number {
    return tokens >= target ? 0 : Math.max(0, Math.ceil(tick + Math.ceil((target - tokens) / amount) * interval - now));
  }

  return {
    kind: 'token-bucket',
    limit: capacity,
    windowMs: Math.ceil(capacity / amount) * interval,
    capacity,
    params: [capacity, amount, interval],
    evaluate(state: LimitState | undefined, now: number, cost: number): Evaluation {
      const [tokens, tick] = refill(state, now);
      const allowed = cost <= tokens;
      const after = allowed ? tokens - cost : tokens;
      return {
        allowed,
        remaining: Math.max(0, Math.floor(after)),
        resetMs: until(after, tick, now, capacity),
        retryAfterMs: allowed ? 0 : until(tokens, tick, now, cost),
        limit: capacity,
        next: [after, tick] satisfies Bucket,
      };
    },
    adjust(state: LimitState | undefined, now: number, _id: string, from: number, to: number): LimitState | undefined {
      // No refill first: the stored tick stays the one the charge was made at, so the bucket
      // ends exactly where charging `to` up front would have left it.
      const [tokens, tick] = state === undefined ? [capacity, now] : (state as Bucket);
      const left = Math.min(capacity, tokens - (to - from));
      return left >= capacity ? undefined : ([left, tick] satisfies Bucket);
    },
  };
}
