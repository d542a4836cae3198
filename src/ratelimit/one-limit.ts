import type { Algorithm, LimitDecision, RateLimitStore } from './types.js';

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
