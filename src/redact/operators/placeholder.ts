import type { Operator } from './operator.js';
import { tokenOf } from './token.js';

/**
 * Replaces a value with `[LABEL_n]`, numbered per distinct value within the scope (the same
 * value keeps its number). One-way: the vault keeps only a keyed digest of the value, so
 * the token cannot be restored.
 *
 * @example
 * createRedactor({ engine, operators: { default: placeholder() } });
 * // 'mail a@b.io or a@b.io' → 'mail [EMAIL_1] or [EMAIL_1]'
 */
/* @__NO_SIDE_EFFECTS__ */
export function placeholder(): Operator {
  return { kind: 'placeholder', vault: 'number', apply: ({ label, index }) => tokenOf(label, index) };
}
