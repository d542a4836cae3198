import { InvalidInputError, PromptwardError } from '../errors.js';

/** Throws a `PW_CONFIG` error unless `value` is a positive safe integer. */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new PromptwardError('PW_CONFIG', `${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Throws a `PW_CONFIG` error unless `value` is a positive finite number. */
export function positiveFinite(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new PromptwardError('PW_CONFIG', `${name} must be a positive finite number, got ${String(value)}`);
  }
  return value;
}

/** Throws a `PW_INVALID_INPUT` error unless `value` is a non-negative finite cost. */
export function validCost(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${name} must be a non-negative finite number, got ${String(value)}`);
  }
  return value;
}
