import { literal } from '../text/literal.js';
/** The tokens a redactor writes, to keep its rules from reading them. */
export interface OwnTokens {
  /** Longest token, in UTF-16 units. */
  readonly maxLength: number;
  /**
   * `text` with every token's inside turned to `#` (same length, so positions hold).
   * Rules then neither match a token nor take its label for a context word: `[PIN_1]`
   * must not make a nearby number look like a PIN on a second pass.
   */
  hide(text: string): string;
  /**
   * True when `span` is tokens and punctuation only. A rule matching that is matching our
   * own output; a span with anything else is still redacted, so a token cannot shield a value.
   */
  isOwn(span: string): boolean;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The tokens for `labels`: `[EMAIL_1]` (placeholder, pseudonym) and, when `hex` > 0, hash
 * tokens of up to that many hex digits (`[EMAIL:9f86d081]`). The bound keeps `maxLength`,
 * and with it what a stream holds back, as small as the operators allow.
 *
 * @example
 * ownTokens(['PIN'], 0).hide('pin [PIN_1]'); // 'pin [#####]'
 */
export function ownTokens(labels: readonly string[], hex: number): OwnTokens {
  const unique = [...new Set(labels)];
  const longest = unique.reduce((max, l) => Math.max(max, l.length), 0);
  const tail = hex > 0 ? `(?:_\\d{1,9}|:[0-9a-f]{8,${hex}})` : '_\\d{1,9}';
  const re = unique.length === 0 ? /(?!)/g : new RegExp(`\\[(?:${unique.map(literal).join('|')})${tail}\\]`, 'g');
  return {
    maxLength: 2 + longest + 1 + Math.max(9, hex),
    hide: (text) => (text.includes('[') ? text.replace(re, (t) => `[${'#'.repeat(t.length - 2)}]`) : text),
    isOwn(span) {
      if (!span.includes('[')) return false;
      const rest = span.replace(re, '');
      return rest.length < span.length && !ALNUM.test(rest);
    },
  };
}
