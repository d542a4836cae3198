import type { ValidatorContext } from './types.js';

/**
 * `not-username`: a password found in `scheme://user:password@host` differs from its user
 * name. `postgres:postgres` and `guest:guest` are the defaults images ship with, not secrets
 * someone chose.
 *
 * @example
 * // on 'postgres://postgres:postgres@db/app', the match 'postgres' before '@' fails
 */
export function notUsername(value: string, _arg: string | undefined, context: ValidatorContext): boolean {
  const before = context.text.slice(Math.max(0, context.start - 256), context.start);
  if (!before.endsWith(':')) return true;
  const user = /([^\s/:@]*):$/.exec(before)?.[1];
  return user === undefined || user.toLowerCase() !== value.toLowerCase();
}
