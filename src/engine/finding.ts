import type { ViewName } from '../text/view.js';
import type { Severity } from './pack.js';

/** One match of one rule, located in the text the caller passed. */
export interface Finding {
  /** `pack/rule`. */
  ruleId: string;
  category: string;
  /** Entity type for secrets and PII (`EMAIL`, `GITHUB_TOKEN`, …). */
  entity?: string;
  severity: Severity;
  /** Weight of this finding in [0, 1]. */
  score: number;
  /** Span `[start, end)` in the original text, in UTF-16 code units (JavaScript string indices). */
  start: number;
  end: number;
  /** The view the match was made on; on `clean` or `fold` the span covers the obfuscated original. */
  view: ViewName;
  /** What was seen where the span alone does not show it (a decoded payload, a heuristic's reason). */
  evidence?: string;
  /**
   * Set by the injection scanner when the match is mentioned rather than addressed to the reader:
   * quoted as an example, inside a prohibition, an attack told about in the third person, a chat
   * log's own role label, an instruction on paper. Its score is discounted, and it adds to no
   * other cue but the word model's (see `injectionScore`).
   */
  mention?: true;
}

/** The result of a scan. */
export interface ScanResult {
  /** Findings in text order (by start, then longest first). */
  findings: Finding[];
  /** Combined score per category: `1 − Π(1 − s)` over the best finding of each rule. */
  categories: Record<string, number>;
  /** The highest category score. */
  score: number;
  /** `score >= threshold`. */
  flagged: boolean;
}

/** Combines findings into per-category scores: each rule counts once, with its best finding. */
export function combineScores(findings: readonly Finding[]): Record<string, number> {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const seen = best.get(f.ruleId);
    if (seen === undefined || f.score > seen.score) best.set(f.ruleId, f);
  }
  const keep: Record<string, number> = {};
  for (const f of best.values()) keep[f.category] = (keep[f.category] ?? 1) * (1 - f.score);
  const out: Record<string, number> = {};
  for (const [category, rest] of Object.entries(keep)) out[category] = 1 - rest;
  return out;
}

/** Orders findings by start, then longest first, then rule id, so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
