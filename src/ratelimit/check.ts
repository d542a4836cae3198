import { InvalidInputError, PromptwardError } from '../errors.js';

/**
 * Throws a `PW_CONFIG` error unless `value` is a positive safe integer.
 *
 * @example
 * positiveInteger('gcra limit', options.limit); // throws PW_CONFIG for 0, 1.5 or NaN
 */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new PromptwardError('PW_CONFIG', `${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Throws a `PW_CONFIG` error unless `value` is a positive finite number.
 *
 * @example
 * positiveFinite('gcra windowMs', options.windowMs); // throws PW_CONFIG for 0 or Infinity
 */
export function positiveFinite(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new PromptwardError('PW_CONFIG', `${name} must be a positive finite number, got ${String(value)}`);
  }
  return value;
}

/**
 * Throws a `PW_INVALID_INPUT` error unless `value` is a non-negative finite cost.
 *
 * @example
 * validCost('cost', cost); // throws PW_INVALID_INPUT for -1 or NaN
 */
export function validCost(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${name} must be a non-negative finite number, got ${String(value)}`);
  }
  return value;
}
