import { literal } from '../text/literal.js';
/** A regex that finds issued-token lookalikes in a model's answer, and the longest text it can match. */
export interface RestorePattern {
  /** Global; group `label` and `n` (from one of three alternatives) name the token. */
  readonly regex: RegExp;
  /** Longest match, in UTF-16 units: bounds what a restoring stream holds back. */
  readonly maxLength: number;
  /** The canonical token key (`EMAIL_1`) of a match. */
  keyOf(match: RegExpExecArray): string;
}

const DIGITS = 6;

/**
 * The restore pattern for `labels`. Models rewrite tokens; what we accept back:
 * any case; with a bracket on either side, a space inside the brackets and a space or dash
 * instead of an underscore (`[ email 1 ]`, `[Email-1`, `EMAIL_1]`); with no bracket, only
 * the exact underscore form as a whole word (`email_1`), because bare `email 1` is prose.
 *
 * @example
 * const p = restorePattern(['EMAIL']);
 * p.keyOf(p.regex.exec('see [ email_2 ]')!); // 'EMAIL_2'
 */
export function restorePattern(labels: readonly string[]): RestorePattern {
  // Longest first, so PHONE_NUMBER wins over PHONE when both are labels.
  const sorted = [...new Set(labels)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const loose = sorted.map((l) => l.split('_').map(literal).join('[ _-]?')).join('|');
  const strict = sorted.map(literal).join('|');
  const n = `(\\d{1,${DIGITS}})(?!\\d)`;
  const source = [
    `\\[ ?(${loose})[ _-]?${n}(?: ?\\])?`,
    `(?<![\\p{L}\\p{N}_])(${loose})[ _-]?${n} ?\\]`,
    `(?<![\\p{L}\\p{N}_])(${strict})_${n}(?![\\p{L}\\p{N}_])`,
  ].join('|');
  const squash = (l: string): string => l.toUpperCase().replace(/[ _-]/g, '');
  const canonical = new Map(sorted.map((l) => [squash(l), l]));
  const longest = sorted.reduce((max, l) => Math.max(max, l.length + l.split('_').length - 1), 0);
  return {
    regex: new RegExp(sorted.length === 0 ? '(?!)' : source, 'giu'),
    // '[ ' + label with a separator per part + separator + digits + ' ]'
    maxLength: 2 + longest + 1 + DIGITS + 2,
    keyOf(m) {
      const written = m[1] ?? m[3] ?? m[5] ?? '';
      return `${canonical.get(squash(written)) ?? written}_${Number(m[2] ?? m[4] ?? m[6])}`;
    },
  };
}
