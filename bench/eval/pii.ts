/**
 * PII detection on `pii.jsonl`: span recall per labelled type that the PII packs cover, and
 * precision per entity the packs report.
 *
 * Matching: a labelled span counts as found when a finding of the mapped entity overlaps it
 * by at least one character; "exact" additionally requires the same span after trimming
 * whitespace and surrounding punctuation from both. A finding is correct when it overlaps a
 * labelled span of its type; every other finding is a false positive. Findings are those of
 * `detectPii` (overlapping findings of one entity merged).
 */
import { detectPii, type PiiFinding } from '../../src/scanners/pii/detect.js';
import { pct, readJsonl } from '../lib/jsonl.js';

/** Dataset type → the entity our packs report for it. */
const COVERED: Readonly<Record<string, string>> = {
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  UK_NINO: 'UK_NINO',
  CRYPTO: 'CRYPTO_WALLET',
  MAC_ADDRESS: 'MAC_ADDRESS',
};
/** A date of birth is a date: its findings are judged against the dataset's DATE_TIME spans, which are not all births. */
const JUDGED_AGAINST: Readonly<Record<string, string>> = { DATE_OF_BIRTH: 'DATE_TIME' };

interface Span {
  start: number;
  end: number;
  type: string;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

function trimmed(text: string, s: { start: number; end: number }): string {
  return text.slice(s.start, s.end).replace(/^[\s.,;:()[\]"'<>]+|[\s.,;:()[\]"'<>]+$/g, '');
}

function entityOf(type: string): string | undefined {
  return COVERED[type] ?? Object.keys(JUDGED_AGAINST).find((e) => JUDGED_AGAINST[e] === type);
}

export function run(dataDir: string): void {
  const rows = readJsonl(dataDir, 'pii.jsonl');
  if (rows === null) return;
  const recall = new Map<string, { total: number; found: number; exact: number; misses: string[] }>();
  const precision = new Map<string, { total: number; correct: number; wrong: string[] }>();
  let chars = 0;
  const t0 = performance.now();
  for (const row of rows) {
    const spans: Span[] = row.spans ?? [];
    chars += row.text.length;
    const findings: PiiFinding[] = detectPii(row.text);
    for (const span of spans) {
      const stat = recall.get(span.type) ?? { total: 0, found: 0, exact: 0, misses: [] };
      recall.set(span.type, stat);
      stat.total++;
      const entity = COVERED[span.type];
      if (entity === undefined) continue;
      const hits = findings.filter((f) => f.entity === entity && overlaps(f, span));
      if (hits.length > 0) stat.found++;
      else stat.misses.push(row.text.slice(span.start, span.end));
      if (hits.some((f) => trimmed(row.text, f) === trimmed(row.text, span))) stat.exact++;
    }
    for (const f of findings) {
      const stat = precision.get(f.entity) ?? { total: 0, correct: 0, wrong: [] };
      precision.set(f.entity, stat);
      stat.total++;
      const ok = spans.some((s) => entityOf(s.type) === f.entity && overlaps(f, s));
      if (ok) stat.correct++;
      else {
        const over = spans.find((s) => overlaps(f, s));
        stat.wrong.push(`${row.text.slice(f.start, f.end)}${over === undefined ? '' : ` (labelled ${over.type})`}`);
      }
    }
  }
  const ms = performance.now() - t0;

  console.log(`${rows.length} rows, ${(chars / 1e6).toFixed(2)} MB, detectPii in ${ms.toFixed(0)} ms`);
  console.log('\nRecall per labelled type (found = a finding of the entity overlaps the span)');
  console.log('| type | entity | spans | found | recall | exact spans |');
  console.log('|---|---|---:|---:|---:|---:|');
  const types = [...recall.entries()].sort((a, b) => b[1].total - a[1].total);
  for (const [type, s] of types) {
    const entity = COVERED[type];
    if (entity === undefined) continue;
    console.log(`| ${type} | ${entity} | ${s.total} | ${s.found} | ${pct(s.found, s.total)} | ${pct(s.exact, s.total)} |`);
  }
  const uncovered = types.filter(([type]) => COVERED[type] === undefined).map(([type, s]) => `${type} ${s.total}`);
  console.log(`\nNot targeted by the packs (no recall reported): ${uncovered.join(', ')}`);

  console.log('\nPrecision per entity (correct = overlaps a labelled span of that type)');
  console.log('| entity | findings | correct | false positives | precision |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [entity, s] of [...precision.entries()].sort((a, b) => b[1].total - a[1].total)) {
    const note = JUDGED_AGAINST[entity] === undefined ? '' : ` (vs ${JUDGED_AGAINST[entity]})`;
    console.log(`| ${entity}${note} | ${s.total} | ${s.correct} | ${s.total - s.correct} | ${pct(s.correct, s.total)} |`);
  }

  unlabelled(dataDir);

  for (const [type, s] of types) if (s.misses.length > 0) console.log(`\nmissed ${type}: ${JSON.stringify(s.misses.slice(0, 8))}`);
  for (const [entity, s] of precision) if (s.wrong.length > 0) console.log(`\nfalse ${entity}: ${JSON.stringify(s.wrong.slice(0, 8))}`);
}

/**
 * Findings on the injection and benign sets, which carry no PII labels: a rough check of
 * what fires on other text. Many are real (e-mail headers, phone numbers in articles), so
 * these counts are an upper bound on false positives, not a measure of them.
 */
function unlabelled(dataDir: string): void {
  console.log('\nFindings on text without PII labels (upper bound on false positives)');
  console.log('| file | rows | findings per entity |');
  console.log('|---|---:|---|');
  for (const name of ['benign.jsonl', 'injection.jsonl']) {
    const rows = readJsonl(dataDir, name);
    if (rows === null) continue;
    const counts = new Map<string, number>();
    for (const row of rows) for (const f of detectPii(row.text)) counts.set(f.entity, (counts.get(f.entity) ?? 0) + 1);
    const list = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`);
    console.log(`| ${name} | ${rows.length} | ${list.join(', ') || 'none'} |`);
  }
}
