import { createHmac } from 'node:crypto';
import { PromptwardError } from '../../errors.js';
import type { Operator } from './operator.js';

/** Options of {@link hash}. */
export interface HashOptions {
  /** Hex characters of the HMAC kept in the token, 8 to 64. Default 16 (64 bits). */
  length?: number;
}

/**
 * Replaces a value with `[LABEL:<hex>]`, the keyed HMAC-SHA-256 of the value under the
 * redactor's `key`: the same value gives the same token across calls, scopes and processes
 * that share the key, so logs stay joinable without holding the value.
 *
 * @throws PromptwardError `PW_CONFIG` when `length` is outside 8–64.
 * @example
 * createRedactor({ engine, key: process.env.REDACT_KEY, operators: { default: hash({ length: 12 }) } });
 * // 'ann@example.com' → '[EMAIL:5d41402abc4b]'
 */
/* @__NO_SIDE_EFFECTS__ */
export function hash(options: HashOptions = {}): Operator {
  const length = options.length ?? 16;
  if (!Number.isInteger(length) || length < 8 || length > 64) {
    throw new PromptwardError('PW_CONFIG', `hash length must be an integer from 8 to 64, got ${length}`);
  }
  return {
    kind: 'hash',
    vault: 'none',
    apply: ({ value, label, key }) => `[${label}:${createHmac('sha256', key).update(value).digest('hex').slice(0, length)}]`,
  };
}
