/**
 * The token that stands for the `index`-th distinct value of `label` in a scope:
 * `[EMAIL_1]`. Placeholders and pseudonyms share it, so a model sees one shape.
 */
export function tokenOf(label: string, index: number): string {
  return `[${label}_${index}]`;
}
