/** The ASCII digits of `value` in order, dropping separators (spaces, dashes, dots, parentheses). */
export function digitsOf(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += value[i];
  }
  return out;
}
