import type { Operator } from './operator.js';

/**
 * Drops the value. Unlike the token operators this is not idempotent in general: the text
 * on both sides of a removed value meets, and the join may itself match a rule.
 *
 * @example
 * createRedactor({ engine, operators: { byCategory: { secret: remove() }, default: placeholder() } });
 */
/* @__NO_SIDE_EFFECTS__ */
export function remove(): Operator {
  return { kind: 'remove', vault: 'none', apply: () => '' };
}
