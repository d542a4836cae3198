import { compile, type Engine, type ScanOptions } from '../../engine/engine.js';
import { compareFindings, type Finding } from '../../engine/finding.js';
import { PII_PACKS } from './packs.js';

/** A PII finding: the entity type is always set. */
export interface PiiFinding extends Finding {
  /** `EMAIL`, `PHONE_NUMBER`, `CREDIT_CARD`, `IBAN`, `US_SSN`, `UK_NINO`, `IP_ADDRESS`, `MAC_ADDRESS`, `CRYPTO_WALLET`, `DATE_OF_BIRTH`. */
  entity: string;
}

/** Options of {@link detectPii}. */
export interface DetectPiiOptions extends Pick<ScanOptions, 'maxChars' | 'maxMatchesPerRule'> {
  /** Only findings of these entity types. Default: all. */
  entities?: readonly string[];
}

let shared: Engine | undefined;

/** The engine of the PII packs alone, compiled on first use. */
export function piiEngine(): Engine {
  shared ??= compile(PII_PACKS);
  return shared;
}

/**
 * Finds personal data in `text` with the PII packs. Where several rules report the same
 * entity on overlapping text (an international and a national phone rule, say), one finding
 * stands for them: the longest span, with the best score among them. Different entities on
 * the same text are all kept, so policy can act on each.
 *
 * @example
 * detectPii('Mail jane@example.com or call +44 20 7946 0958').map((f) => f.entity);
 * // ['EMAIL', 'PHONE_NUMBER']
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  const { entities, ...scanOptions } = options;
  const only = entities === undefined ? null : new Set(entities);
  const found = piiEngine()
    .scan(text, scanOptions)
    .findings.filter((f): f is PiiFinding => f.entity !== undefined && (only === null || only.has(f.entity)));
  return mergeOverlaps(found);
}

/** Collapses overlapping findings of one entity; input and output are in text order. */
function mergeOverlaps(findings: readonly PiiFinding[]): PiiFinding[] {
  const out: PiiFinding[] = [];
  /** Index in `out` of the last finding of each entity, the only one a later finding can overlap. */
  const last = new Map<string, number>();
  for (const f of findings) {
    const at = last.get(f.entity);
    const prev = at === undefined ? undefined : out[at]!;
    if (at === undefined || prev === undefined || f.start >= prev.end) {
      last.set(f.entity, out.length);
      out.push({ ...f });
      continue;
    }
    const longer = f.end - f.start > prev.end - prev.start ? { ...f } : prev;
    longer.score = Math.max(prev.score, f.score);
    out[at] = longer;
  }
  // A longer finding that replaced an earlier one may start after findings of other entities.
  return out.sort(compareFindings);
}
