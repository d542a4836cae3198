/** The label tokens use for a finding: its entity, else its category upper-cased (`SECRET`). */
export function labelOf(finding: { entity?: string | undefined; category: string }): string {
  return finding.entity ?? finding.category.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
