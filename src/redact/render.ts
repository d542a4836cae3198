import { createHmac } from 'node:crypto';
import type { Finding } from '../engine/finding.js';
import type { Cluster } from './cluster.js';
import { winnerOf } from './cluster.js';
import { labelOf } from './label.js';
import type { Operator, OperatorKind } from './operators/operator.js';
import type { Vault, VaultEntry } from './vault/vault.js';

/** One stretch of the original text and what replaced it. */
export interface Replacement {
  /** Span `[start, end)` in the original text. */
  start: number;
  end: number;
  label: string;
  operator: OperatorKind;
  /** The text written in its place. */
  text: string;
  /** The finding that chose the operator (longest, then most severe, of those overlapping here). */
  finding: Finding;
}

/** What rendering needs from the redactor. */
export interface RenderConfig {
  operatorFor(finding: Finding): Operator;
  key: Uint8Array;
  vault: Vault;
}

/**
 * Writes the decided part `[from, until)` of a window: text outside clusters as it is,
 * clusters with a finding through their operator, clusters of a lone token restored when
 * the scope issued it. All numbering of one step is one `assign` call, in text order, so
 * numbers follow first appearance whatever the chunking. `fresh` collects the pseudonyms
 * this pass created: a token naming one of them was not in the model's input, so it is
 * never restored (that would undo the redaction of the value it names).
 */
export async function render(
  config: RenderConfig,
  window: string,
  offset: number,
  from: number,
  until: number,
  clusters: readonly Cluster[],
  scope: string,
  fresh: Set<string>,
): Promise<{ text: string; replacements: Replacement[] }> {
  const jobs = clusters.map((c) => {
    const value = window.slice(c.start - offset, c.end - offset);
    const finding = winnerOf(c.spans.flatMap((s) => (s.finding === undefined ? [] : [s.finding])));
    if (finding === undefined) {
      const only = c.spans.length === 1 ? c.spans[0] : undefined;
      return { cluster: c, value, key: only?.start === c.start && only.end === c.end ? only.key : undefined };
    }
    const label = labelOf(finding);
    return { cluster: c, value, finding, label, operator: config.operatorFor(finding) };
  });
  const entries: VaultEntry[] = [];
  for (const job of jobs) {
    if (job.operator === undefined || job.operator.vault === 'none') continue;
    const digest = createHmac('sha256', config.key).update(`vault\u0000${job.label}\u0000${job.value}`).digest('base64url');
    entries.push(job.operator.vault === 'keep' ? { label: job.label, digest, original: job.value } : { label: job.label, digest });
  }
  const keys = jobs.flatMap((j) => (j.key === undefined ? [] : [j.key]));
  const [numbers, originals] = await Promise.all([
    entries.length === 0 ? [] : config.vault.assign(scope, entries),
    keys.length === 0 ? [] : config.vault.resolve(scope, keys),
  ]);
  let e = 0;
  for (const job of jobs) {
    if (job.operator === undefined || job.operator.vault === 'none') continue;
    const got = numbers[e++]!;
    if (got.created && job.operator.vault === 'keep') fresh.add(`${job.label}_${got.index}`);
  }
  let n = 0;
  let k = 0;
  let at = from;
  const parts: string[] = [];
  const replacements: Replacement[] = [];
  for (const job of jobs) {
    parts.push(window.slice(at - offset, job.cluster.start - offset));
    at = job.cluster.end;
    if (job.operator === undefined) {
      const key = job.key;
      const original = key === undefined ? undefined : originals[k++];
      parts.push(key === undefined || original === undefined || fresh.has(key) ? job.value : original);
      continue;
    }
    const index = job.operator.vault === 'none' ? 0 : numbers[n++]!.index;
    const text = job.operator.apply({ value: job.value, label: job.label, index, key: config.key });
    parts.push(text);
    const { start, end } = job.cluster;
    replacements.push({ start, end, label: job.label, operator: job.operator.kind, text, finding: job.finding });
  }
  parts.push(window.slice(at - offset, until - offset));
  return { text: parts.join(''), replacements };
}
