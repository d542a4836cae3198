import type { ValidatorContext } from './types.js';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** A separator that glues digit groups into one longer number (`1.2.3.4.5`, `12-345-67-8901`). */
const GLUE = '-./';

/**
 * `isolated`: the match is not a piece of a longer number. The characters on either side are
 * neither digits nor a `-`, `.` or `/` with a digit beyond it, and no `+` precedes it; `\b`
 * alone cannot tell `123-45-6789` from the middle of `0123-45-6789-0`.
 *
 * @example
 * isolated('192.0.2.1', undefined, { text: 'v192.0.2.1.5', start: 1, end: 10 }); // false
 */
export function isolated(_value: string, _arg: string | undefined, ctx: ValidatorContext): boolean {
  const { text, start, end } = ctx;
  const before = text[start - 1];
  const after = text[end];
  if (isDigit(before) || before === '+' || isDigit(after)) return false;
  if (before !== undefined && GLUE.includes(before) && isDigit(text[start - 2])) return false;
  if (after !== undefined && GLUE.includes(after) && isDigit(text[end + 1])) return false;
  return true;
}
