/**
 * `text` as a regex literal: every metacharacter escaped. The escaped form means the same in
 * RE2 and in JS RegExp, so keyword Sets, `startsWith` checks and token patterns share it.
 */
export function literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
