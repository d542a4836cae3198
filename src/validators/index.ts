import { entropy } from './entropy.js';
import type { Validator } from './types.js';

/** The validators rules can name. Custom ones are passed to `compile` by the caller. */
export const BUILTIN_VALIDATORS: Readonly<Record<string, Validator>> = {
  entropy,
};

export { shannonEntropy } from './entropy.js';
export type { Validator, ValidatorContext } from './types.js';
