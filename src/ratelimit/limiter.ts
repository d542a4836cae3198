import { randomBytes } from 'node:crypto';
import { InvalidInputError, PromptwardError, StoreError } from '../errors.js';
import { validCost } from './check.js';
import { memoryStore } from './memory-store.js';
import { CONSUME_ONE, hasConsumeOne } from './one-limit.js';
import type { Algorithm, LimitDecision, RateLimitStore, StoreLimit } from './types.js';

/**
 * Options of {@link createLimiter}.
 *
 * @example
 * createLimiter({ limits: gcra({ limit: 60, windowMs: 60_000 }), store: redisStore({ client }), onStoreError: memoryStore() });
 */
export interface LimiterOptions {
  /**
   * One limit (its policy is named `"default"`), or several by name: a call is admitted only
   * when every one admits it, and then charged to all. Names appear in the `RateLimit` headers.
   */
  limits: Algorithm | Readonly<Record<string, Algorithm>>;
  /** Where state lives. Default: a fresh {@link memoryStore}. */
  store?: RateLimitStore;
  /**
   * What to do when the store fails (Redis down, timeout): `"closed"` (default) throws a
   * {@link StoreError} (HTTP 503); `"open"` admits the call; a store (typically a
   * {@link memoryStore}) decides instead, per process.
   */
  onStoreError?: 'closed' | 'open' | RateLimitStore;
  /** Called with every store failure, whatever `onStoreError` says, so it can be logged. */
  onStoreFailure?: (error: StoreError) => void;
}

/**
 * The decision of one named policy.
 *
 * @example
 * for (const p of decision.policies) console.log(p.name, p.remaining, p.windowMs);
 */
export interface PolicyDecision extends LimitDecision {
  /** The policy's name, as in the headers. */
  name: string;
  /** The policy's window in milliseconds (`w` in `RateLimit-Policy`). */
  windowMs: number;
}

/**
 * The decision over every limit. The top-level fields are those of the binding policy.
 *
 * @example
 * const decision = await limiter.consume(userId);
 * if (!decision.allowed) throw rateLimitError(decision);
 */
export interface Decision extends LimitDecision {
  /** Every policy's own view; when the call is refused, none of them was charged. */
  policies: PolicyDecision[];
  /** Who decided: the store, the insurance store, or nobody (failed open). */
  source: 'store' | 'insurance' | 'open';
}

/**
 * An admitted (or refused) estimate, to be settled once the real cost is known.
 *
 * @example
 * const held = await tokens.reserve(userId, 2_000);
 * if (!held.allowed) throw rateLimitError(held);
 * await held.settle(anthropicUsageTokens(message.usage));
 */
export interface Reservation extends Decision {
  /** The estimate that was held. */
  readonly estimate: number;
  /**
   * Charges the real cost: the difference to the estimate is charged, or refunded, on every
   * limit, never refused (the call already happened). Only the first settle or release counts;
   * on a refused reservation both do nothing.
   */
  settle(actual: number): Promise<void>;
  /** Gives the whole estimate back, for a call that failed before costing anything. */
  release(): Promise<void>;
}

/**
 * A key for every limit, or one key per limit name (per user for one limit, per IP for another).
 *
 * @example
 * await limiter.consume('user:42');
 * await limiter.consume({ user: 'user:42', ip: req.ip });
 */
export type LimitKey = string | Readonly<Record<string, string>>;

/**
 * A configured rate limiter.
 *
 * @example
 * const limiter: Limiter = createLimiter({ limits: gcra({ limit: 10, windowMs: 1_000 }) });
 */
export interface Limiter {
  /** Admits `cost` (default 1) for `key` on every limit, or on none. */
  consume(key: LimitKey, cost?: number): Promise<Decision>;
  /** Holds `estimate` (LLM tokens, say) before a call whose real cost is known only after it. */
  reserve(key: LimitKey, estimate: number): Promise<Reservation>;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

function isAlgorithm(value: LimiterOptions['limits']): value is Algorithm {
  return typeof (value as Algorithm).evaluate === 'function';
}

function first(answer: LimitDecision[] | Promise<LimitDecision[]>): LimitDecision | Promise<LimitDecision> {
  return Array.isArray(answer) ? (answer[0] as LimitDecision) : answer.then((d) => d[0] as LimitDecision);
}

function combine(policies: PolicyDecision[], source: Decision['source']): Decision {
  if (policies.length === 1) {
    const p = policies[0] as PolicyDecision;
    return { allowed: p.allowed, remaining: p.remaining, resetMs: p.resetMs, retryAfterMs: p.retryAfterMs, limit: p.limit, policies, source };
  }
  const allowed = policies.every((p) => p.allowed);
  let binding = policies[0] as PolicyDecision;
  let retryAfterMs = 0;
  for (const p of policies) {
    if (allowed ? p.remaining < binding.remaining : !p.allowed && (binding.allowed || p.retryAfterMs > binding.retryAfterMs)) {
      binding = p;
    }
    retryAfterMs = Math.max(retryAfterMs, p.retryAfterMs);
  }
  return { allowed, remaining: binding.remaining, resetMs: binding.resetMs, retryAfterMs, limit: binding.limit, policies, source };
}

/**
 * Makes a limiter over one or more limits, in memory or on a shared store.
 *
 * @example
 * const limiter = createLimiter({
 *   limits: { minute: gcra({ limit: 60, windowMs: 60_000 }), day: gcra({ limit: 1_000, windowMs: 86_400_000 }) },
 * });
 * const decision = await limiter.consume(userId);
 * if (!decision.allowed) throw rateLimitError(decision);
 *
 * const held = await tokens.reserve(userId, estimatedTokens);
 * try { const reply = await callModel(); await held.settle(openAIChatUsageTokens(reply.usage)); }
 * catch (e) { await held.release(); throw e; }
 */
/* @__NO_SIDE_EFFECTS__ */
export function createLimiter(options: LimiterOptions): Limiter {
  const named: [string, Algorithm][] = isAlgorithm(options.limits) ? [['default', options.limits]] : Object.entries(options.limits);
  if (named.length === 0) throw new PromptwardError('PW_CONFIG', 'createLimiter needs at least one limit');
  for (const [name] of named) {
    if (!NAME.test(name)) throw new PromptwardError('PW_CONFIG', `limit name "${name}" must match ${String(NAME)}`);
  }
  const store = options.store ?? memoryStore();
  const fallback = options.onStoreError ?? 'closed';
  const report = options.onStoreFailure;
  // Names charges so a settle finds its own in a sliding window; unique across processes.
  const idPrefix = randomBytes(6).toString('base64url');
  let sequence = 0;

  // Only a sliding window or a reservation needs charges named; plain calls skip the string.
  const namesCharges = named.some(([, a]) => a.kind === 'sliding-window');
  const single = named.length === 1 ? (named[0] as [string, Algorithm]) : undefined;

  function bind(key: LimitKey): StoreLimit[] {
    if (single !== undefined && typeof key === 'string') return [{ key: `${single[0]}:${key}`, algorithm: single[1] }];
    return named.map(([name, algorithm]) => {
      const k = typeof key === 'string' ? key : key[name];
      if (typeof k !== 'string') throw new InvalidInputError(`no key given for limit "${name}"`);
      return { key: `${name}:${k}`, algorithm };
    });
  }

  // A fixed window counts in whole units (Redis increments integers).
  const wholeCosts = named.some(([, a]) => a.kind === 'fixed-window');
  function checkWhole(name: string, cost: number): void {
    if (wholeCosts && !Number.isInteger(cost)) throw new InvalidInputError(`${name} must be a whole number for a fixed window, got ${String(cost)}`);
  }

  function checkCost(cost: number): void {
    validCost('cost', cost);
    checkWhole('cost', cost);
    for (const [name, algorithm] of named) {
      if (cost > algorithm.capacity) {
        throw new InvalidInputError(`cost ${cost} exceeds limit "${name}", which admits at most ${algorithm.capacity} at once`);
      }
    }
  }

  function failure(cause: unknown): StoreError {
    const error = new StoreError(`rate-limit store failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    report?.(error);
    return error;
  }

  function toDecision(decisions: LimitDecision[], source: Decision['source']): Decision {
    const policies = decisions.map((d, i): PolicyDecision => {
      const [name, algorithm] = named[i] as [string, Algorithm];
      return { allowed: d.allowed, remaining: d.remaining, resetMs: d.resetMs, retryAfterMs: d.retryAfterMs, limit: d.limit, name, windowMs: algorithm.windowMs };
    });
    return combine(policies, source);
  }

  /** Where a decision was made, so a settle goes to the same place. */
  type Decided = [Decision, RateLimitStore | undefined];

  function fallBack(limits: StoreLimit[], cost: number, id: string, hold: boolean, cause: unknown): Decided | Promise<Decided> {
    const error = failure(cause);
    if (fallback === 'closed') throw error;
    if (fallback === 'open') {
      return [toDecision(named.map(([, a]) => ({ allowed: true, remaining: a.limit, resetMs: 0, retryAfterMs: 0, limit: a.limit })), 'open'), undefined];
    }
    return Promise.resolve(fallback.consume(limits, cost, id, hold)).then((d): Decided => [toDecision(d, 'insurance'), fallback]);
  }

  // Plain promise chains rather than nested async functions, and a synchronous answer (memory)
  // taken as it is: a decision from the memory store then costs one resolved promise, not four.
  function ask<T>(limits: StoreLimit[], cost: number, id: string, hold: boolean, then: (d: LimitDecision[]) => T, otherwise: (cause: unknown) => T | Promise<T>): Promise<T> {
    let answer: LimitDecision[] | Promise<LimitDecision[]>;
    try {
      answer = store.consume(limits, cost, id, hold);
    } catch (cause) {
      return Promise.resolve().then(() => otherwise(cause));
    }
    return Array.isArray(answer) ? Promise.resolve(then(answer)) : answer.then(then, otherwise);
  }

  function take(limits: StoreLimit[], cost: number, id: string, hold: boolean): Promise<Decided> {
    return ask(limits, cost, id, hold, (d): Decided => [toDecision(d, 'store'), store], (cause) => fallBack(limits, cost, id, hold, cause));
  }

  // One policy and one key, the common case: no per-policy arrays or closures, the decision
  // built directly. Any cost outside [0, capacity] (NaN included) takes the general path,
  // which throws the precise error.
  const oneName = single?.[0] ?? '';
  const one = single?.[1];
  const oneWindowMs = one?.windowMs ?? 0;
  const oneCapacity = one?.capacity ?? -1;

  function oneDecision(d: LimitDecision, source: Decision['source']): Decision {
    const { allowed, remaining, resetMs, retryAfterMs, limit } = d;
    const policy: PolicyDecision = { allowed, remaining, resetMs, retryAfterMs, limit, name: oneName, windowMs: oneWindowMs };
    return { allowed, remaining, resetMs, retryAfterMs, limit, policies: [policy], source };
  }

  const consumeOne = hasConsumeOne(store) ? store[CONSUME_ONE].bind(store) : undefined;

  function decideOne(key: string, cost: number): Promise<Decision> {
    const storeKey = `${oneName}:${key}`;
    const id = namesCharges ? nextId() : '';
    let answer: LimitDecision | Promise<LimitDecision>;
    try {
      answer = consumeOne === undefined ? first(store.consume([{ key: storeKey, algorithm: one as Algorithm }], cost, id, false)) : consumeOne(storeKey, one as Algorithm, cost, id, false);
    } catch (cause) {
      return Promise.resolve().then(() => oneFallBack(storeKey, cost, id, cause));
    }
    // A store's own promise type may not be a native Promise: any thenable is awaited.
    if (typeof (answer as Partial<PromiseLike<LimitDecision>>).then !== 'function') return Promise.resolve(oneDecision(answer as LimitDecision, 'store'));
    return Promise.resolve(answer).then(
      (d) => oneDecision(d, 'store'),
      (cause: unknown) => oneFallBack(storeKey, cost, id, cause),
    );
  }

  async function oneFallBack(storeKey: string, cost: number, id: string, cause: unknown): Promise<Decision> {
    return (await fallBack([{ key: storeKey, algorithm: one as Algorithm }], cost, id, false, cause))[0];
  }

  function decide(key: LimitKey, cost = 1): Promise<Decision> {
    if (typeof key === 'string' && cost >= 0 && cost <= oneCapacity && (!wholeCosts || Number.isInteger(cost))) return decideOne(key, cost);
    checkCost(cost);
    const limits = bind(key);
    const id = namesCharges ? nextId() : '';
    return ask(
      limits,
      cost,
      id,
      false,
      (d) => toDecision(d, 'store'),
      async (cause) => (await fallBack(limits, cost, id, false, cause))[0],
    );
  }

  function nextId(): string {
    return `${idPrefix}${(sequence++).toString(36)}`;
  }

  return {
    consume(key, cost) {
      try {
        return decide(key, cost);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async reserve(key, estimate) {
      checkCost(estimate);
      const limits = bind(key);
      const id = nextId();
      const [decision, decidedBy] = await take(limits, estimate, id, true);
      let pending = decision.allowed && decidedBy !== undefined;
      async function settle(actual: number): Promise<void> {
        validCost('actual cost', actual);
        checkWhole('actual cost', actual);
        if (!pending || decidedBy === undefined) return;
        pending = false;
        // An estimate of 0 left a zero-cost charge behind for this settle; it goes either way.
        if (actual === estimate && estimate > 0) return;
        try {
          await decidedBy.adjust(limits, id, estimate, actual);
        } catch (cause) {
          const error = failure(cause);
          if (fallback === 'closed') throw error;
          // Open: the charge is lost with the store. Insurance: it lands where decisions now happen.
          if (fallback !== 'open' && decidedBy !== fallback) await fallback.adjust(limits, id, estimate, actual);
        }
      }
      return { ...decision, estimate, settle, release: () => settle(0) };
    },
  };
}
