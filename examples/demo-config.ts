/**
 * The guard config the examples (and the adapter tests) share: every built-in pack, and
 * e-mails get reversible pseudonyms (`[EMAIL_1]` for the model, restored in the answer).
 */
import type { GuardConfigInput } from '../src/guard/config.js';

export const demoGuardConfig: GuardConfigInput = {
  redaction: { byEntity: { EMAIL: { type: 'pseudonym' } } },
};
