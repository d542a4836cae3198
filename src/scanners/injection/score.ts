import type { Finding } from '../../engine/finding.js';
import { LEXICAL_MODEL_ID } from './lexical.js';

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
 *
 * A mention (a finding marked `mention`: an attack phrase quoted as an example, prohibited, told
 * about) is no cue of that kind: a text that discusses attacks names them beside words of the
 * topic ("prompt extraction (verbatim…)", "Note to AI:" in a warning), and those weak cues added
 * to its halved quotation flagged policies, write-ups and fixtures. So only the best mention
 * counts, beside the word model's finding alone, which reads the whole text, and the score is the
 * larger of that and the noisy-OR of the other findings.
 */
export function injectionScore(findings: readonly Finding[]): number {
  const best = new Map<string, number>();
  let mention = 0;
  for (const f of findings) {
    if (f.mention === true) mention = Math.max(mention, f.score);
    else best.set(f.ruleId, Math.max(best.get(f.ruleId) ?? 0, f.score));
  }
  let rest = 1;
  for (const s of best.values()) rest *= 1 - s;
  return Math.max(1 - rest, 1 - (1 - mention) * (1 - (best.get(LEXICAL_MODEL_ID) ?? 0)));
}
