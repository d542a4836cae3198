import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import canaryPack from '../../patterns/canary.json' with { type: 'json' };
import type { PackInput } from '../engine/pack.js';
import type { Validator } from '../validators/types.js';

/** The pack that finds canary tokens in answers; it needs a registry's `validator` as `canary`. */
export const CANARY_PACK: PackInput = canaryPack as PackInput;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A token's comparable core: lowercase letters and digits only, as a model might rewrite it. */
export function canaryCore(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The canary tokens one guard has issued. Bounded (least recently issued forgotten first) so
 * a guard that makes a token per request cannot grow without end.
 */
export class CanaryRegistry {
  private readonly issued: LRUCache<string, true>;

  /** `max`: tokens remembered; `ttlMs`: how long one stays valid (0: until pushed out). */
  constructor(max = 10_000, ttlMs = 0) {
    this.issued = new LRUCache<string, true>(ttlMs > 0 ? { max, ttl: ttlMs } : { max });
  }

  /** Makes a new random token (`pwc-` and 16 base32 characters, 80 random bits) and remembers it. */
  issue(): string {
    const bytes = randomBytes(16);
    let body = '';
    for (const b of bytes) body += BASE32[b & 31];
    const token = `pwc-${body}`;
    this.issued.set(canaryCore(token), true);
    return token;
  }

  /** True when `text` (however re-cased or spaced) is a token this registry issued. */
  has(text: string): boolean {
    return this.issued.has(canaryCore(text));
  }

  /** The `canary` validator for {@link CANARY_PACK}, bound to this registry. */
  readonly validator: Validator = (value) => this.has(value);
}
