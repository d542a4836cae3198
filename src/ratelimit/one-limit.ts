import type { Algorithm, Evaluation, LimitDecision, LimitState, RateLimitStore } from './types.js';

/**
 * The key under which the built-in stores offer a decision over exactly one limit, the common
 * case, without the arrays of the general `consume` (one `StoreLimit`, its array, the array of
 * decisions). Internal: a symbol, so it stays off the public store interface.
 *
 * @example
 * if (hasConsumeOne(store)) store[CONSUME_ONE]('default:user-1', perMinute, 1, '', false);
 */
export const CONSUME_ONE: unique symbol = Symbol('promptward.ratelimit.consumeOne');

/**
 * A store that decides one limit directly, with the same semantics as `consume` given that
 * one limit.
 *
 * @example
 * const store: RateLimitStore & ConsumesOne = memoryStore();
 */
export interface ConsumesOne {
  [CONSUME_ONE](key: string, algorithm: Algorithm, cost: number, id: string, hold: boolean): LimitDecision | Promise<LimitDecision>;
}

/**
 * Whether `store` offers {@link CONSUME_ONE}.
 *
 * @example
 * const one = hasConsumeOne(store) ? store[CONSUME_ONE].bind(store) : undefined;
 */
export function hasConsumeOne(store: RateLimitStore): store is RateLimitStore & ConsumesOne {
  return typeof (store as Partial<ConsumesOne>)[CONSUME_ONE] === 'function';
}

/**
 * The key under which an algorithm may offer the memory store a single-limit decision that
 * charges its state in place, sparing an allocation per decision. Only where one limit
 * decides can a charge be applied before knowing it stands; with several, a refusal by
 * another limit must leave this one untouched, so they go through `evaluate`. Internal.
 *
 * @example
 * const charge = (algorithm as Algorithm & Partial<ChargesOne>)[CHARGE_ONE];
 * const evaluation = charge === undefined ? algorithm.evaluate(state, now, 1, '', false) : charge(state, now, 1, '', false);
 */
export const CHARGE_ONE: unique symbol = Symbol('promptward.ratelimit.chargeOne');

/**
 * An algorithm whose decisions over one limit may change `state` in place. Same result as
 * `evaluate`; when allowed, `next` is the state to keep, which may be `state` itself, changed.
 *
 * @example
 * const algorithm: Algorithm & ChargesOne = fixedWindow({ limit: 10, windowMs: 1_000 });
 */
export interface ChargesOne {
  [CHARGE_ONE](state: LimitState | undefined, now: number, cost: number, id: string, hold: boolean): Evaluation;
}
