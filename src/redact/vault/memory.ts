import { LRUCache } from 'lru-cache';
import { StoreError } from '../../errors.js';
import type { Assigned, Vault, VaultEntry } from './vault.js';

/** Options of {@link memoryVault}. */
export interface MemoryVaultOptions {
  /** Most scopes kept; the least recently used goes first. Default 10,000. */
  maxScopes?: number;
  /** Milliseconds a scope lives after its last use. Default 3,600,000 (one hour). */
  ttl?: number;
  /** Most distinct values one scope may number; past it `assign` throws `PW_STORE`. Default 10,000. */
  maxValuesPerScope?: number;
}

interface Scope {
  counters: Map<string, number>;
  numbers: Map<string, number>;
  originals: Map<string, string>;
}

/**
 * A vault in this process's memory, bounded in scopes (LRU), age (TTL) and values per
 * scope. Each call runs to completion without awaiting, so concurrent requests cannot
 * interleave inside one `assign`.
 *
 * @example
 * const redactor = createRedactor({ engine, vault: memoryVault({ ttl: 15 * 60_000 }) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function memoryVault(options: MemoryVaultOptions = {}): Vault {
  const maxValues = options.maxValuesPerScope ?? 10_000;
  const scopes = new LRUCache<string, Scope>({
    max: options.maxScopes ?? 10_000,
    ttl: options.ttl ?? 3_600_000,
    updateAgeOnGet: true,
  });
  const open = (scope: string): Scope => {
    let s = scopes.get(scope);
    if (s === undefined) {
      s = { counters: new Map(), numbers: new Map(), originals: new Map() };
      scopes.set(scope, s);
    }
    return s;
  };
  return {
    assign(scope: string, entries: readonly VaultEntry[]): Promise<Assigned[]> {
      if (entries.length === 0) return Promise.resolve([]);
      const s = open(scope);
      const out: Assigned[] = [];
      for (const { label, digest, original } of entries) {
        let n = s.numbers.get(digest);
        const created = n === undefined;
        if (n === undefined) {
          if (s.numbers.size >= maxValues) {
            return Promise.reject(new StoreError(`vault scope holds ${maxValues} values, its limit`));
          }
          n = (s.counters.get(label) ?? 0) + 1;
          s.counters.set(label, n);
          s.numbers.set(digest, n);
        }
        if (original !== undefined && !s.originals.has(`${label}_${n}`)) s.originals.set(`${label}_${n}`, original);
        out.push({ index: n, created });
      }
      return Promise.resolve(out);
    },
    resolve(scope: string, keys: readonly string[]): Promise<(string | undefined)[]> {
      const s = scopes.get(scope);
      return Promise.resolve(keys.map((k) => s?.originals.get(k)));
    },
    drop(scope: string): Promise<void> {
      scopes.delete(scope);
      return Promise.resolve();
    },
  };
}
