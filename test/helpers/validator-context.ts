import type { ValidatorContext } from '../../src/validators/types.js';

/** A context where `value` is the whole text, for validators that do not look around. */
export const alone = (value: string): ValidatorContext => ({ text: value, start: 0, end: value.length });

/** A context where `value` is found at its first occurrence in `text`. */
export function within(text: string, value: string): ValidatorContext {
  const start = text.indexOf(value);
  if (start < 0) throw new Error(`${JSON.stringify(value)} does not occur in ${JSON.stringify(text)}`);
  return { text, start, end: start + value.length };
}
