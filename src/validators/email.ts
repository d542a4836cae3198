import type { ValidatorContext } from './types.js';

/** A character of a local part, as the rule's pattern reads one. */
const ATEXT = /[A-Za-z0-9!#$%&*+/=?^_~.-]/;

/** Characters that end the token a URL's authority sits in. */
const TOKEN_END = /[\s"'<>()[\]]/;

/** Whether the match sits in the authority of a URL (`scheme://user:pass@host`): its token holds `://`. */
function inUrlUserinfo(ctx: ValidatorContext): boolean {
  if (ctx.start < 3) return false;
  const from = Math.max(0, ctx.start - 256);
  const scheme = ctx.text.lastIndexOf('://', ctx.start - 3);
  // No `://` within reach before the match: not in a URL, whatever the token.
  if (scheme < from) return false;
  return !TOKEN_END.test(ctx.text.slice(scheme, ctx.start));
}

/**
 * `email`: the local part starts where its run of atext starts (a character before the match
 * that could belong to it means the match is the tail of something longer, such as a local part
 * over 64 octets); the address keeps the size limits of RFC 5321 (local part at most 64 octets,
 * whole path at most 254); the local part has no leading, trailing or doubled dot; every
 * domain label is 1–63 characters, not starting or ending with `-`, under a top-level label
 * that is not all digits. The pattern finds the RFC 5322 dot-atom shape; this checks what a
 * pattern cannot count. `user:secret@host` inside a URL is RFC 3986 userinfo, a credential
 * rather than an address, and is left to the secret rules.
 *
 * @example
 * email('jane.doe@example.com', undefined, { text: 'jane.doe@example.com', start: 0, end: 20 }); // true
 */
export function email(value: string, _arg: string | undefined, ctx: ValidatorContext): boolean {
  if (ctx.start > 0 && ATEXT.test(ctx.text[ctx.start - 1]!)) return false;
  if (inUrlUserinfo(ctx)) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64 || value.length > 254) return false;
  const local = value.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = value.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
  }
  return !/^\d+$/.test(labels[labels.length - 1]!);
}
