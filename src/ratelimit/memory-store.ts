import { LRUCache } from 'lru-cache';
import { positiveInteger } from './check.js';
import { CHARGE_ONE, CONSUME_ONE, type ChargesOne, type ConsumesOne } from './one-limit.js';
import type { Algorithm, Evaluation, LimitDecision, LimitState, RateLimitStore, StoreLimit } from './types.js';

/** One key's state in the cache. */
interface Slot {
  state: LimitState;
}

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * memoryStore({ maxKeys: 50_000, now: () => clock.now });
 */
export interface MemoryStoreOptions {
  /**
   * Most keys kept; the least recently used key is forgotten beyond it, so a flood of
   * distinct keys cannot grow memory past this bound. A forgotten key starts afresh, so size
   * it above the number of keys active within your longest window. Default 100,000.
   */
  maxKeys?: number;
  /** The clock, in milliseconds. Default `Date.now`; tests inject their own. */
  now?: () => number;
}

/**
 * A store in this process's memory; it answers synchronously.
 *
 * @example
 * const store = memoryStore();
 * console.log(store.size); // keys held
 */
export interface MemoryStore extends RateLimitStore {
  consume(limits: readonly StoreLimit[], cost: number, id: string, hold: boolean): LimitDecision[];
  adjust(limits: readonly StoreLimit[], id: string, from: number, to: number): void;
  /** Keys currently held. */
  readonly size: number;
}

/**
 * Keeps limit state in process memory, bounded by an LRU cache (`lru-cache`). Every decision
 * is atomic because it runs synchronously. Right for one process, for tests, and as the insurance
 * store behind Redis.
 *
 * @example
 * const limiter = createLimiter({ limits: gcra({ limit: 10, windowMs: 1_000 }), store: memoryStore({ maxKeys: 50_000 }) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  // Values are boxes, so a charge to a known key rewrites its box in place: one lookup per
  // decision, where storing the new state would take a second.
  const cache = new LRUCache<string, Slot>({ max: positiveInteger('memoryStore maxKeys', options.maxKeys ?? 100_000) });
  const now = options.now ?? Date.now;

  function commit(key: string, slot: Slot | undefined, next: LimitState): void {
    if (slot === undefined) cache.set(key, { state: next });
    else slot.state = next;
  }

  function consumeOne(key: string, algorithm: Algorithm, cost: number, id: string, hold: boolean): Evaluation {
    const slot = cache.get(key);
    const charge = (algorithm as Algorithm & Partial<ChargesOne>)[CHARGE_ONE];
    const evaluation = charge === undefined ? algorithm.evaluate(slot?.state, now(), cost, id, hold) : charge(slot?.state, now(), cost, id, hold);
    if (evaluation.allowed) commit(key, slot, evaluation.next);
    return evaluation;
  }

  function consumeNow(limits: readonly StoreLimit[], cost: number, id: string, hold: boolean): LimitDecision[] {
    if (limits.length === 1) {
      const { key, algorithm } = limits[0] as StoreLimit;
      return [consumeOne(key, algorithm, cost, id, hold)];
    }
    const at = now();
    const slots = limits.map(({ key }) => cache.get(key));
    const evaluations = limits.map(({ algorithm }, i) => algorithm.evaluate(slots[i]?.state, at, cost, id, hold));
    if (evaluations.every((e) => e.allowed)) {
      evaluations.forEach((e, i) => commit((limits[i] as StoreLimit).key, slots[i], e.next));
      return evaluations;
    }
    // Refused: a limit that would have admitted reports what it holds now, not what it
    // would have held after a charge that did not happen.
    return evaluations.map((e, i) => {
      if (!e.allowed) return e;
      return (limits[i] as StoreLimit).algorithm.evaluate(slots[i]?.state, at, 0, id, false);
    });
  }

  function adjustNow(limits: readonly StoreLimit[], id: string, from: number, to: number): void {
    const at = now();
    for (const { key, algorithm } of limits) {
      const slot = cache.get(key);
      const next = algorithm.adjust(slot?.state, at, id, from, to);
      if (next === undefined) cache.delete(key);
      else commit(key, slot, next);
    }
  }

  const store: MemoryStore & ConsumesOne = {
    get size() {
      return cache.size;
    },
    consume: consumeNow,
    adjust: adjustNow,
    [CONSUME_ONE]: consumeOne,
  };
  return store;
}
