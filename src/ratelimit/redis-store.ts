import { createHash } from 'node:crypto';
import { adjustLua, consumeLua, fixedWindowOneLua, gcraOneLua } from './lua/scripts.js';
import { gcraRemaining, gcraReset, gcraRetry, gcraThreshold } from './gcra.js';
import { CONSUME_ONE, type ConsumesOne } from './one-limit.js';
import type { Algorithm, LimitDecision, RateLimitStore, StoreLimit } from './types.js';

/**
 * The two commands the Redis store needs. An `ioredis` client (`new Redis(…)`) fits as is;
 * any client that sends EVALSHA and EVAL and returns promises can be wrapped to fit.
 *
 * @example
 * const client: RedisScriptClient = new Redis({ enableOfflineQueue: false });
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: string[]): Promise<unknown>;
}

/**
 * Options of {@link redisStore}.
 *
 * @example
 * redisStore({ client, prefix: 'myapp:rl:' });
 */
export interface RedisStoreOptions {
  /**
   * The client, which the store never closes. Set it up to fail fast, or a dead Redis stalls
   * every request until ioredis gives up (by default it queues commands while offline and
   * retries each up to 20 times): `new Redis({ maxRetriesPerRequest: 1,
   * enableOfflineQueue: false, commandTimeout: 500 })`. Without the offline queue, calls made
   * before the client is ready, or while it reconnects, fail at once and `onStoreError`
   * decides; ioredis reconnects by itself (its `retryStrategy`) and the store recovers with it.
   */
  client: RedisScriptClient;
  /**
   * Prefix of every key the store writes. Default `"pw:rl:"`. Give each limiter sharing a
   * Redis its own prefix, or distinct limit names. In Redis Cluster, the keys of limits that
   * combine must share a hash slot: put a hash tag such as `{user-42}` in the key.
   */
  prefix?: string;
  /**
   * The clock, in milliseconds. Default: Redis's own `TIME`, so processes with skewed clocks
   * still agree (a fixed window reads no time at all: its key expires with the window). Pass
   * one only when every process shares it (tests, a single host).
   */
  now?: () => number;
}

/** A script's text and the SHA1 that EVALSHA names it by. */
interface Script {
  text: string;
  sha: string;
}

function script(text: string): Script {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

/**
 * Keeps limit state in Redis; each decision is one atomic Lua script (sent as EVALSHA, and
 * re-sent as EVAL when Redis answers NOSCRIPT after a restart or `SCRIPT FLUSH`), so any
 * number of processes share one exact limit. Needs Redis 6.0 or later (`SET … KEEPTTL`). A
 * token-bucket key outlives the moment its limit is idle again by one window, a GCRA key by
 * one to two (its TTL is set only when its arrival time crosses a multiple of the window, not
 * on every decision), so a settle arriving within that lands exactly as in memory; a later one
 * charges from idle. A {@link fixedWindow} key is a hash that lives exactly as long as its
 * window.
 *
 * @example
 * import Redis from 'ioredis';
 * const client = new Redis({ maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
 * const limiter = createLimiter({ limits: gcra({ limit: 100, windowMs: 60_000 }), store: redisStore({ client }) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function redisStore(options: RedisStoreOptions): RateLimitStore {
  const { client } = options;
  const prefix = options.prefix ?? 'pw:rl:';
  const clock = options.now;
  // One pair of scripts per combination of algorithm kinds, made on first use.
  const scripts = new Map<string, { consume: Script; adjust: Script }>();
  function scriptsFor(limits: readonly StoreLimit[]): { consume: Script; adjust: Script } {
    const id = limits.length === 1 ? (limits[0] as StoreLimit).algorithm.kind : limits.map((l) => l.algorithm.kind).join();
    let pair = scripts.get(id);
    if (pair === undefined) {
      const kinds = limits.map((l) => l.algorithm.kind);
      pair = { consume: script(consumeLua(kinds)), adjust: script(adjustLua(kinds)) };
      scripts.set(id, pair);
    }
    return pair;
  }

  function run(lua: Script, keys: string[], args: string[]): Promise<unknown> {
    return client.evalsha(lua.sha, keys.length, ...keys, ...args).catch((error: unknown) => {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      // EVAL runs the script and puts it back in Redis's script cache for the next EVALSHA.
      return client.eval(lua.text, keys.length, ...keys, ...args);
    });
  }

  // The four arguments that describe an algorithm to the script, formatted once per algorithm.
  const described = new WeakMap<Algorithm, string[]>();
  function describe(algorithm: Algorithm): string[] {
    let args = described.get(algorithm);
    if (args === undefined) {
      const [p1 = 0, p2 = 0, p3 = 0] = algorithm.params;
      args = [algorithm.kind, String(p1), String(p2), String(p3)];
      described.set(algorithm, args);
    }
    return args;
  }

  function encode(limits: readonly StoreLimit[], args: string[]): [string[], string[]] {
    const keys: string[] = [];
    for (const { key, algorithm } of limits) {
      keys.push(prefix + key);
      args.push(...describe(algorithm));
    }
    return [keys, args];
  }

  function decode(limits: readonly StoreLimit[], reply: unknown): LimitDecision[] {
    const numbers = reply as number[];
    const decisions: LimitDecision[] = [];
    for (let i = 0; i < limits.length; i++) {
      decisions.push({
        allowed: numbers[i * 4] === 1,
        remaining: numbers[i * 4 + 1] ?? 0,
        resetMs: numbers[i * 4 + 2] ?? 0,
        retryAfterMs: numbers[i * 4 + 3] ?? 0,
        limit: (limits[i] as StoreLimit).algorithm.limit,
      });
    }
    return decisions;
  }

  const now = (): string => (clock === undefined ? '' : String(clock()));

  // GCRA's figures as the single-limit script reads them, worked out once per algorithm, with
  // the handler that turns its answer into a decision.
  interface GcraOne {
    step: string;
    threshold: string;
    window: string;
    interval: number;
    decide: (reply: unknown) => LimitDecision;
  }
  const gcraOne = script(gcraOneLua());
  const gcraFigures = new WeakMap<Algorithm, GcraOne | null>();
  function gcraFiguresOf(algorithm: Algorithm): GcraOne | null {
    let figures = gcraFigures.get(algorithm);
    if (figures !== undefined) return figures;
    const [interval = 0, tolerance = 0, window = 0] = algorithm.params;
    const limit = algorithm.limit;
    // The script answers in 1/4096 ms, exact as a JavaScript number below 2^53, that is while
    // the arrival time runs under 2^41 ms (70 years) ahead. A tolerance under 2^39 ms (17 years)
    // keeps it there, since a charge that fits at all adds at most one tolerance; a longer one
    // takes the general script.
    figures =
      tolerance < 2 ** 39
        ? {
            step: String(interval),
            threshold: String(gcraThreshold(tolerance)),
            window: String(window),
            interval,
            decide(reply: unknown): LimitDecision {
              if (typeof reply === 'number') {
                const ahead = reply / 4096;
                return { allowed: true, remaining: gcraRemaining(interval, tolerance, ahead), resetMs: gcraReset(ahead), retryAfterMs: 0, limit };
              }
              const [ahead = 0, beyond = 0] = reply as number[];
              return {
                allowed: false,
                remaining: gcraRemaining(interval, tolerance, ahead / 4096),
                resetMs: gcraReset(ahead / 4096),
                retryAfterMs: gcraRetry(tolerance, beyond / 4096),
                limit,
              };
            },
          }
        : null;
    gcraFigures.set(algorithm, figures);
    return figures;
  }

  function consumeGcraOne(key: string, figures: GcraOne, cost: number, at: number | undefined): Promise<LimitDecision> {
    const step = cost === 1 ? figures.step : String(cost * figures.interval);
    const args = at === undefined ? [prefix + key, step, figures.threshold, figures.window] : [prefix + key, step, figures.threshold, figures.window, String(at)];
    // As `run`, but one reply handler for both outcomes: one promise fewer per decision.
    return client.evalsha(gcraOne.sha, 1, ...args).then(figures.decide, (error: unknown) => {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return client.eval(gcraOne.text, 1, ...args).then(figures.decide);
    });
  }

  function consumeOne(key: string, algorithm: Algorithm, cost: number, id: string, hold: boolean): Promise<LimitDecision> {
    if (algorithm.kind === 'fixed-window' && clock === undefined) return consumeFixedOne(key, algorithm, cost);
    const at = clock?.();
    if (algorithm.kind === 'gcra') {
      const figures = gcraFiguresOf(algorithm);
      // An injected clock before 2^40 ms would break the script's exact 1/4096 ms answers.
      if (figures !== null && (at === undefined || at >= 2 ** 40)) return consumeGcraOne(key, figures, cost, at);
    }
    const limit = algorithm.limit;
    const [keys, args] = encode([{ key, algorithm }], [at === undefined ? '' : String(at), String(cost), id, hold ? '1' : '0']);
    return run(scriptsFor([{ key, algorithm }]).consume, keys, args).then((reply) => {
      const [allowed, remaining = 0, resetMs = 0, retryAfterMs = 0] = reply as number[];
      return { allowed: allowed === 1, remaining, resetMs, retryAfterMs, limit };
    });
  }

  // A fixed window's limit and window as the single-limit script reads them.
  const fixedOne = script(fixedWindowOneLua());
  const fixedArgs = new WeakMap<Algorithm, [string, string]>();

  // The script answers the count including this call's cost, and the window's PTTL; what
  // that means is worked out here, so Redis does no more than count and expire.
  function consumeFixedOne(key: string, algorithm: Algorithm, cost: number): Promise<LimitDecision> {
    const limit = algorithm.limit;
    let args = fixedArgs.get(algorithm);
    if (args === undefined) {
      args = [String(limit), String(algorithm.windowMs)];
      fixedArgs.set(algorithm, args);
    }
    const [limitText, window] = args;
    const decide = (reply: unknown): LimitDecision => {
      const [count = 0, ttl = 0] = reply as number[];
      if (count <= limit) return { allowed: true, remaining: limit - count, resetMs: ttl, retryAfterMs: 0, limit };
      return { allowed: false, remaining: Math.max(0, limit - (count - cost)), resetMs: ttl, retryAfterMs: Math.max(1, ttl), limit };
    };
    const text = String(cost);
    return client.evalsha(fixedOne.sha, 1, prefix + key, text, limitText, window).then(decide, (error: unknown) => {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return client.eval(fixedOne.text, 1, prefix + key, text, limitText, window).then(decide);
    });
  }

  const store: RateLimitStore & ConsumesOne = {
    [CONSUME_ONE]: consumeOne,
    consume(limits, cost, id, hold) {
      const [keys, args] = encode(limits, [now(), String(cost), id, hold ? '1' : '0']);
      return run(scriptsFor(limits).consume, keys, args).then((reply) => decode(limits, reply));
    },
    adjust(limits, id, from, to) {
      const [keys, args] = encode(limits, [now(), id, String(from), String(to)]);
      return run(scriptsFor(limits).adjust, keys, args).then(() => undefined);
    },
  };
  return store;
}
