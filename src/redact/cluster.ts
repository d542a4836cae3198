import type { Finding } from '../engine/finding.js';
import { SEVERITIES } from '../engine/pack.js';

/** Something to act on in a text: a finding to redact, or a token to restore (`key`). */
export interface Span {
  start: number;
  end: number;
  finding?: Finding;
  key?: string;
}

/** Overlapping spans merged into one stretch of text that is replaced as a whole. */
export interface Cluster {
  start: number;
  end: number;
  spans: Span[];
}

/** Start, then longest, then findings before tokens, then rule id: a total order, so results never depend on input order. */
export function compareSpans(a: Span, b: Span): number {
  return (
    a.start - b.start ||
    b.end - a.end ||
    (a.finding === undefined ? 1 : 0) - (b.finding === undefined ? 1 : 0) ||
    cmp(a.finding?.ruleId ?? a.key ?? '', b.finding?.ruleId ?? b.key ?? '')
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Merges overlapping spans (sorted by {@link compareSpans}) into clusters, left to right.
 * Replacing the union, not just the winner, means no part of a losing finding survives.
 * A cluster grows to at most `cap` characters from its start; a span that would push it
 * further starts the next cluster where this one ends, so a chain of overlaps cannot make
 * a stream hold back without bound. Spans before `floor` were handled already and are clipped.
 */
export function clusterSpans(spans: readonly Span[], floor: number, cap: number): Cluster[] {
  const out: Cluster[] = [];
  let cur: Cluster | undefined;
  let from = floor;
  for (const span of spans) {
    if (span.end <= from) continue;
    const start = Math.max(span.start, from);
    if (cur !== undefined && start < cur.end) {
      if (span.end <= Math.max(cur.end, cur.start + cap)) {
        cur.end = Math.max(cur.end, span.end);
        cur.spans.push(span);
        continue;
      }
      from = cur.end;
      cur = { start: cur.end, end: span.end, spans: [span] };
    } else {
      cur = { start, end: span.end, spans: [span] };
    }
    out.push(cur);
  }
  return out;
}

const RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

/** The finding that names a cluster: the longest, then the most severe, then the first. */
export function winnerOf(findings: readonly Finding[]): Finding | undefined {
  let best: Finding | undefined;
  for (const f of findings) {
    if (best === undefined) {
      best = f;
      continue;
    }
    const d = f.end - f.start - (best.end - best.start) || RANK.get(f.severity)! - RANK.get(best.severity)!;
    if (d > 0) best = f;
  }
  return best;
}
