import { StoreError } from '../../errors.js';
import type { Assigned, Vault, VaultEntry } from './vault.js';

/**
 * The part of a Redis client the vault uses, typed by shape so that any client with these
 * methods fits (an `ioredis` instance does) and `ioredis` stays an optional peer.
 */
export interface RedisVaultClient {
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  del(...keys: string[]): Promise<number>;
}

/** Options of {@link redisVault}. */
export interface RedisVaultOptions {
  /** Key prefix; each scope is one hash under `prefix + scope`. Default `'promptward:vault:'`. */
  prefix?: string;
  /** Milliseconds a scope lives after its last `assign`. Default 3,600,000 (one hour). */
  ttl?: number;
}

/**
 * One scope is one Redis hash: `c:<label>` counters, `d:<digest>` numbers, `o:<LABEL_n>`
 * originals. The script makes one `assign` call atomic across processes.
 */
const ASSIGN = `
local key = KEYS[1]
local out = {}
for i = 2, #ARGV, 3 do
  local label, digest, original = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local n = redis.call('HGET', key, 'd:' .. digest)
  local created = 0
  if not n then
    n = redis.call('HINCRBY', key, 'c:' .. label, 1)
    redis.call('HSET', key, 'd:' .. digest, n)
    created = 1
  end
  if original ~= '' then redis.call('HSETNX', key, 'o:' .. label .. '_' .. n, original) end
  out[#out + 1] = tonumber(n)
  out[#out + 1] = created
end
redis.call('PEXPIRE', key, ARGV[1])
return out
`;

/**
 * A vault in Redis, for many processes serving one conversation. The client is yours
 * (connect, configure and close it); a failing call rejects with `PW_STORE` and the
 * client's error as the cause.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const redactor = createRedactor({ engine, key: process.env.REDACT_KEY, vault: redisVault(new Redis()) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function redisVault(client: RedisVaultClient, options: RedisVaultOptions = {}): Vault {
  const prefix = options.prefix ?? 'promptward:vault:';
  const ttl = options.ttl ?? 3_600_000;
  const failed = (what: string) => (cause: unknown) => {
    throw new StoreError(`redis vault: ${what} failed`, { cause });
  };
  return {
    async assign(scope: string, entries: readonly VaultEntry[]): Promise<Assigned[]> {
      if (entries.length === 0) return [];
      // Values are never empty (findings have length), so '' safely means "no original".
      const args = entries.flatMap((e) => [e.label, e.digest, e.original ?? '']);
      const out = await client.eval(ASSIGN, 1, prefix + scope, ttl, ...args).catch(failed('assign'));
      // The script returns index, created, index, created, …
      const flat = (out as unknown[]).map(Number);
      return entries.map((_, i) => ({ index: flat[2 * i]!, created: flat[2 * i + 1] === 1 }));
    },
    async resolve(scope: string, keys: readonly string[]): Promise<(string | undefined)[]> {
      if (keys.length === 0) return [];
      const out = await client.hmget(prefix + scope, ...keys.map((k) => `o:${k}`)).catch(failed('resolve'));
      return out.map((v) => v ?? undefined);
    },
    async drop(scope: string): Promise<void> {
      await client.del(prefix + scope).catch(failed('drop'));
    },
  };
}
