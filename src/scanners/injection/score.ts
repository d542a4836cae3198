import type { Finding } from '../../engine/finding.js';

/**
 * The default verdict threshold of {@link detectInjection}. Rule weights are set so that one
 * unambiguous attack phrase (score ≥ 0.6) flags alone, while weak cues (0.3–0.45) flag only
 * together: two weak cues of 0.3 and 0.35 give 1 − 0.7 × 0.65 ≈ 0.55.
 */
export const DEFAULT_INJECTION_THRESHOLD = 0.5;

/**
 * The injection score of a set of findings: a noisy-OR, `1 − Π(1 − s)`, over the best finding
 * of each rule, across every category. Categories are combined because the families
 * reinforce each other: a fake system turn plus an override is more certain than either.
 */
export function injectionScore(findings: readonly Finding[]): number {
  const best = new Map<string, number>();
  for (const f of findings) best.set(f.ruleId, Math.max(best.get(f.ruleId) ?? 0, f.score));
  let rest = 1;
  for (const s of best.values()) rest *= 1 - s;
  return 1 - rest;
}
