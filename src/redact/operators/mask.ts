import type { Operator } from './operator.js';

/** Options of {@link mask}. */
export interface MaskOptions {
  /** Characters kept at the start. Default 0. */
  prefix?: number;
  /** Characters kept at the end. Default 4. */
  suffix?: number;
  /** What stands for the hidden middle. Default `'…'`. */
  fill?: string;
}

/**
 * Keeps a prefix and a suffix of the value and hides the rest: `sk-…f3a9`. Never shows
 * more than half of a value: on short values the kept ends shrink in proportion.
 *
 * @example
 * createRedactor({ engine, operators: { byCategory: { secret: mask({ prefix: 3, suffix: 4 }) }, default: placeholder() } });
 * // 'sk-4f1b…' (51 characters) → 'sk-…f3a9'
 */
/* @__NO_SIDE_EFFECTS__ */
export function mask(options: MaskOptions = {}): Operator {
  const prefix = Math.max(0, Math.floor(options.prefix ?? 0));
  const suffix = Math.max(0, Math.floor(options.suffix ?? 4));
  const fill = options.fill ?? '…';
  return {
    kind: 'mask',
    vault: 'none',
    apply: ({ value }) => {
      // Code points, so a kept end never splits a surrogate pair.
      const chars = [...value];
      const budget = Math.floor(chars.length / 2);
      let head = prefix;
      let tail = suffix;
      if (head + tail > budget) {
        head = Math.floor((prefix * budget) / (prefix + suffix));
        tail = budget - head;
      }
      return chars.slice(0, head).join('') + fill + chars.slice(chars.length - tail).join('');
    },
  };
}
