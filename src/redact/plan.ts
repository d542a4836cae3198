import type { Engine } from '../engine/engine.js';
import type { Finding } from '../engine/finding.js';
import { textViews } from '../text/views.js';
import { type Cluster, clusterSpans, compareSpans, type Span } from './cluster.js';
import type { OwnTokens } from './own-token.js';
import type { RestorePattern } from './restore-pattern.js';

/** What a plan needs to know about the redactor. */
export interface PlanConfig {
  engine: Engine;
  /** Categories the scan runs: the redacted ones and the blocked ones. */
  scanned: readonly string[];
  /** Categories whose findings are redacted. */
  redacted: ReadonlySet<string>;
  /** Decides per finding instead of by category, when set (a guard's policy: entities, rules, allow-lists). */
  decide?: ((finding: Finding, value: string) => 'redact' | 'block' | 'keep') | undefined;
  /** Longest a cluster may grow. */
  cap: number;
  /** The tokens this redactor writes, which rules must not read. */
  own: OwnTokens;
}

/** One decision step over a window of the text. Positions are absolute (in the whole text). */
export interface PlanInput {
  /** The text from `offset` on. */
  window: string;
  offset: number;
  /** Everything before this was decided by earlier steps. */
  floor: number;
  /** Decide what starts before this; later starts may still change as text arrives. */
  limit: number;
  /** Categories that block. */
  block: ReadonlySet<string>;
  /** Tokens to restore, when restoring. */
  restore: RestorePattern | undefined;
}

/** What a step decided: text up to `until` is final. */
export interface Plan {
  until: number;
  /** Clusters inside `[floor, until)`, in order. */
  clusters: Cluster[];
  /** Findings of redacted categories that start in `[floor, until)`. */
  findings: Finding[];
  /** Findings of blocked categories that start in `[floor, until)`. */
  blocked: Finding[];
}

/**
 * Scans the window and decides up to the last point before `limit` that no cluster
 * straddles. Only spans starting before `limit` count: the caller chooses `limit` so that
 * every such span, with the context its rule looks at, lies inside the window, which
 * makes the decision the same as on the whole text.
 */
export function plan(config: PlanConfig, input: PlanInput): Plan {
  const { window, offset, floor, limit, block, restore } = input;
  const found = config.engine.findAll(textViews(config.own.hide(window)), {
    categories: config.scanned,
    maxMatchesPerRule: Number.POSITIVE_INFINITY,
  });
  const spans: Span[] = [];
  const findings: Finding[] = [];
  const blocked: Finding[] = [];
  for (const local of found) {
    const start = local.start + offset;
    const end = local.end + offset;
    if (end <= floor || start >= limit || config.own.isOwn(window.slice(local.start, local.end))) continue;
    const finding: Finding = { ...local, start, end };
    const mine = start >= floor;
    const decision =
      config.decide?.(finding, window.slice(local.start, local.end)) ??
      (block.has(finding.category) ? 'block' : config.redacted.has(finding.category) ? 'redact' : 'keep');
    if (mine && decision === 'block') blocked.push(finding);
    if (decision === 'keep' || (decision === 'block' && !config.redacted.has(finding.category))) continue;
    if (mine) findings.push(finding);
    spans.push({ start, end, finding });
  }
  if (restore !== undefined) {
    const re = restore.regex;
    re.lastIndex = 0;
    for (let m = re.exec(window); m !== null; m = re.exec(window)) {
      const start = m.index + offset;
      const end = start + m[0].length;
      if (start >= limit) break;
      if (end > floor) spans.push({ start, end, key: restore.keyOf(m) });
    }
  }
  spans.sort(compareSpans);
  const all = clusterSpans(spans, floor, config.cap);
  const straddling = all.find((c) => c.start < limit && c.end > limit);
  const until = straddling?.start ?? limit;
  const clusters = all.filter((c) => c.end <= until);
  return {
    until,
    clusters,
    findings: findings.filter((f) => f.start < until),
    blocked: blocked.filter((f) => f.start < until),
  };
}
