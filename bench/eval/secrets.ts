/**
 * Secret detection on `secrets.jsonl`: span recall and precision of `detectSecrets`.
 *
 * Matching: a labelled span counts as found when any secret finding overlaps it by one
 * character or more; the dataset's type names (`OPS_TOKEN`, `BasicAuth`, …) are not ours,
 * so the type is not compared. Findings that overlap each other are merged into one
 * detection first, so a key reported by two rules counts once. A detection is correct when
 * it overlaps a labelled span. The labels come from one rule's snapshot per file, so rows
 * labelled 1 can hold real credentials nobody labelled (a `PGPASSWORD=` beside the URL the
 * file was about): those detections are listed, and precision is printed both counting
 * them as wrong (strict) and leaving them out; rows labelled 0 count in full either way.
 */
import { detectSecrets } from '../../src/scanners/secrets/detect.js';
import { pct, readJsonl } from '../lib/jsonl.js';

interface Region {
  start: number;
  end: number;
  rules: Set<string>;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

function regions(findings: readonly { start: number; end: number; ruleId: string }[]): Region[] {
  const out: Region[] = [];
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      last.rules.add(f.ruleId);
    } else out.push({ start: f.start, end: f.end, rules: new Set([f.ruleId]) });
  }
  return out;
}

const show = (s: string): string => JSON.stringify(s.length > 70 ? `${s.slice(0, 67)}...` : s);

export function run(dataDir: string): void {
  const rows = readJsonl(dataDir, 'secrets.jsonl');
  if (rows === null) return;
  let spans = 0;
  let found = 0;
  let correct = 0;
  let unlabelled = 0;
  let wrongInClean = 0;
  let cleanRows = 0;
  let cleanFlagged = 0;
  let chars = 0;
  const misses: string[] = [];
  const extra: string[] = [];
  const t0 = performance.now();
  for (const row of rows) {
    chars += row.text.length;
    const labelled = row.spans ?? [];
    const detections = regions(detectSecrets(row.text));
    for (const span of labelled) {
      spans++;
      if (detections.some((d) => overlaps(d, span))) found++;
      else misses.push(`${span.type}: ${show(span.value)}`);
    }
    if (row.label === 0) {
      cleanRows++;
      if (detections.length > 0) cleanFlagged++;
    }
    for (const d of detections) {
      if (labelled.some((s) => overlaps(d, s))) correct++;
      else {
        const where = row.label === 0 ? 'clean row' : 'unlabelled, secret row';
        if (row.label === 0) wrongInClean++;
        else unlabelled++;
        extra.push(`[${where}] ${[...d.rules].join(', ')}: ${show(row.text.slice(d.start, d.end))}`);
      }
    }
  }
  const ms = performance.now() - t0;
  console.log(`secrets.jsonl: ${rows.length} rows, ${spans} labelled secret spans, ${(chars / 1024).toFixed(0)} KB, ${ms.toFixed(0)} ms`);
  console.log(`recall (labelled spans found):          ${found}/${spans} = ${pct(found, spans)}`);
  console.log(`precision (unlabelled finds left out):  ${correct}/${correct + wrongInClean} = ${pct(correct, correct + wrongInClean)}`);
  console.log(`precision (strict, all unlabelled wrong): ${correct}/${correct + wrongInClean + unlabelled} = ${pct(correct, correct + wrongInClean + unlabelled)}`);
  console.log(`clean rows with any finding:            ${cleanFlagged}/${cleanRows}`);
  if (misses.length > 0) console.log(`\nmissed spans:\n  ${misses.join('\n  ')}`);
  if (extra.length > 0) console.log(`\ndetections on no labelled span:\n  ${extra.join('\n  ')}`);
}
