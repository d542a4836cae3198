/**
 * `mixed-chars:N`: the value mixes at least N of the four character classes (lower case,
 * upper case, digits, other). Chosen secrets and generated keys do; words such as `required`
 * or `optional` after `password:` in prose do not. Default N is 2.
 *
 * @example
 * mixedChars('hunter2', '2'); // true
 * mixedChars('required', '2'); // false
 */
export function mixedChars(value: string, arg: string | undefined): boolean {
  const min = arg === undefined ? 2 : Number(arg);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value)).length;
  return classes >= min;
}
