import { createHash } from 'node:crypto';
import { adjustLua, consumeLua } from './lua/scripts.js';
import type { Algorithm, LimitDecision, RateLimitStore, StoreLimit } from './types.js';

/**
 * The two commands the Redis store needs. An `ioredis` client (`new Redis(…)`) fits as is;
 * any client that sends EVALSHA and EVAL and returns promises can be wrapped to fit.
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: string[]): Promise<unknown>;
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * A connected client. Set it up to fail fast, or a dead Redis stalls every request:
   * `new Redis({ maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 })`.
   * The store never closes it.
   */
  client: RedisScriptClient;
  /** Prefix of every key the store writes. Default `"pw:rl:"`. In Redis Cluster, put a hash tag in the keys of limits that combine. */
  prefix?: string;
  /**
   * The clock, in milliseconds. Default: Redis's own `TIME`, so processes with skewed clocks
   * still agree. Pass one only when every process shares it (tests, a single host).
   */
  now?: () => number;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Keeps limit state in Redis; each decision is one atomic Lua script (sent as EVALSHA, and
 * re-sent as EVAL when Redis answers NOSCRIPT after a restart or `SCRIPT FLUSH`), so any
 * number of processes share one exact limit. Needs Redis 5 or later. A key expires one window
 * after its limit would be idle again; a settle arriving later than that charges from idle.
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
  interface Script {
    text: string;
    sha: string;
  }
  // One pair of scripts per combination of algorithm kinds, made on first use.
  const scripts = new Map<string, { consume: Script; adjust: Script }>();
  function scriptsFor(limits: readonly StoreLimit[]): { consume: Script; adjust: Script } {
    const id = limits.length === 1 ? (limits[0] as StoreLimit).algorithm.kind : limits.map((l) => l.algorithm.kind).join();
    let pair = scripts.get(id);
    if (pair === undefined) {
      const kinds = limits.map((l) => l.algorithm.kind);
      const consume = consumeLua(kinds);
      const adjust = adjustLua(kinds);
      pair = { consume: { text: consume, sha: sha1(consume) }, adjust: { text: adjust, sha: sha1(adjust) } };
      scripts.set(id, pair);
    }
    return pair;
  }

  function run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    return client.evalsha(script.sha, keys.length, ...keys, ...args).catch((error: unknown) => {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      // EVAL runs the script and puts it back in Redis's script cache for the next EVALSHA.
      return client.eval(script.text, keys.length, ...keys, ...args);
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

  return {
    consume(limits, cost, id, hold) {
      const [keys, args] = encode(limits, [now(), String(cost), id, hold ? '1' : '0']);
      return run(scriptsFor(limits).consume, keys, args).then((reply) => decode(limits, reply));
    },
    adjust(limits, id, from, to) {
      const [keys, args] = encode(limits, [now(), id, String(from), String(to)]);
      return run(scriptsFor(limits).adjust, keys, args).then(() => undefined);
    },
  };
}
