/**
 * Shapes shared by the algorithms, the stores and the limiter. Times are milliseconds;
 * costs are non-negative numbers (1 per request, or a number of LLM tokens).
 */

/**
 * What one limit says about one call.
 *
 * @example
 * const [decision] = await store.consume([{ key: 'k', algorithm: gcra({ limit: 5, windowMs: 1_000 }) }], 1, '', false);
 */
export interface LimitDecision {
  /** True when the cost fits; nothing is consumed from any limit when one refuses. */
  allowed: boolean;
  /** Whole units still available after this decision, never negative. */
  remaining: number;
  /** Milliseconds until the limit is fully replenished. */
  resetMs: number;
  /** Milliseconds until the same cost would be admitted; 0 when allowed. */
  retryAfterMs: number;
  /** The quota the limit advertises (`q` in `RateLimit-Policy`). */
  limit: number;
}

/**
 * The state one algorithm keeps for one key. Opaque outside the algorithm that made it;
 * non-nullish so an LRU cache can hold it.
 *
 * @example
 * const state: LimitState | undefined = undefined; // a key never seen
 * algorithm.evaluate(state, Date.now(), 1, '', false);
 */
export type LimitState = NonNullable<unknown>;

/**
 * The result of evaluating one limit: its decision, and the state to keep if every limit
 * admits. One object rather than two, since the memory store makes one per decision.
 *
 * @example
 * const evaluation = gcra({ limit: 5, windowMs: 1_000 }).evaluate(undefined, Date.now(), 1, '', false);
 * if (evaluation.allowed) cache.set(key, evaluation.next);
 */
export interface Evaluation extends LimitDecision {
  next: LimitState;
}

/**
 * A rate-limit algorithm with its parameters. The memory store runs `evaluate` and `adjust`;
 * the Redis store runs the same arithmetic in Lua from `kind` and `params`.
 *
 * @example
 * const algorithm: Algorithm = gcra({ limit: 5, windowMs: 1_000 });
 * algorithm.evaluate(undefined, Date.now(), 1, '', false).remaining; // 4
 */
export interface Algorithm {
  readonly kind: 'gcra' | 'token-bucket' | 'sliding-window' | 'fixed-window';
  /** The quota advertised in `RateLimit-Policy` (`q`). */
  readonly limit: number;
  /** The window advertised in `RateLimit-Policy` (`w`), in milliseconds. */
  readonly windowMs: number;
  /** The largest cost that can ever be admitted at once; a larger cost is an input error. */
  readonly capacity: number;
  /** Numeric parameters in the order the Lua script reads them. */
  readonly params: readonly number[];
  /**
   * Decides a call of `cost` at `now` without changing anything. `id` names the charge so a
   * reservation can adjust it later; `hold` keeps a zero-cost charge that a settle may raise.
   */
  evaluate(state: LimitState | undefined, now: number, cost: number, id: string, hold: boolean): Evaluation;
  /**
   * Changes the charge named `id` from `from` to `to`, unconditionally (the call already
   * happened). Returns the new state, or undefined when nothing is left to keep.
   */
  adjust(state: LimitState | undefined, now: number, id: string, from: number, to: number): LimitState | undefined;
}

/**
 * One limit bound to the store key it counts under.
 *
 * @example
 * await store.consume([{ key: 'minute:user-1', algorithm: perMinute }], 1, '', false);
 */
export interface StoreLimit {
  readonly key: string;
  readonly algorithm: Algorithm;
}

/**
 * Where limit state lives. Both methods are atomic over all the limits they get: either every
 * limit admits and all are charged, or none is. A store in memory may answer synchronously,
 * which spares a promise per decision; a remote one returns promises and rejects on failure.
 *
 * @example
 * const limiter = createLimiter({ limits, store: myStore satisfies RateLimitStore });
 */
export interface RateLimitStore {
  /** Charges `cost` to every limit if all admit; returns one decision per limit, in order. */
  consume(limits: readonly StoreLimit[], cost: number, id: string, hold: boolean): LimitDecision[] | Promise<LimitDecision[]>;
  /** Changes the charge `id` from `from` to `to` on every limit, without refusing. */
  adjust(limits: readonly StoreLimit[], id: string, from: number, to: number): void | Promise<void>;
}
