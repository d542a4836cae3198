import type { Operator } from './operator.js';
import { tokenOf } from './token.js';

/**
 * Replaces a value with `[LABEL_n]` like {@link placeholder}, and keeps the original in the
 * scope's vault so that `restore` (or a restoring stream) puts it back in the model's answer.
 *
 * @example
 * const r = createRedactor({ engine, operators: { byEntity: { EMAIL: pseudonym() }, default: placeholder() } });
 * const { text, scope } = await r.redact('write to ann@example.com');
 * await r.restore('Sure, I wrote to [EMAIL_1].', scope); // 'Sure, I wrote to ann@example.com.'
 */
/* @__NO_SIDE_EFFECTS__ */
export function pseudonym(): Operator {
  return { kind: 'pseudonym', vault: 'keep', apply: ({ label, index }) => tokenOf(label, index) };
}
