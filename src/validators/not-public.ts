import type { ValidatorContext } from './types.js';

/** Names that mark a value as meant to be shared: `PUBLIC_KEY`, `NEXT_PUBLIC_…`, `publishableKey`. */
const PUBLIC_NAME = /(?:public|publishable|pubkey|_pub_|\bpub_)[A-Za-z0-9_.-]*["']?\s*(?::=|=>|[:=])\s*["'`]?$/i;

/**
 * `not-public`: the name the value is assigned to does not say it is public. Public keys
 * and publishable client keys sit beside secrets in the same files and share their shape.
 *
 * @example
 * // on 'NEXT_PUBLIC_API_KEY=abc…', the value fails; on 'API_KEY=abc…' it passes
 */
export function notPublic(_value: string, _arg: string | undefined, context: ValidatorContext): boolean {
  const lineStart = context.text.lastIndexOf('\n', context.start - 1) + 1;
  const before = context.text.slice(Math.max(lineStart, context.start - 96), context.start);
  return !PUBLIC_NAME.test(before);
}
