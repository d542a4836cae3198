import type { Engine } from '../engine/engine.js';
import { besideReach } from '../engine/pack.js';

/** How far a match of the enabled rules can reach, which is what a stream must hold back. */
export interface RuleBounds {
  /** Longest match of any of the rules, in UTF-16 units. */
  maxLength: number;
  /**
   * Longest match of the rules without `startsWith`, which a stream holds back at every
   * point; a rule with `startsWith` holds back its own only from where a literal starts.
   */
  plainMaxLength: number;
  /** Widest reach beside a match: context windows, `unless` patterns (see `besideReach`). */
  context: number;
  /** Rules (`pack/rule`) with no `maxLength` and no fallback: no stream can know their values are complete. */
  unbounded: string[];
}

/**
 * The bounds of `engine`'s rules in `categories`. A rule with no `maxLength` takes
 * `fallback`; with no fallback it is listed in `unbounded`.
 *
 * @example
 * ruleBounds(engine, new Set(['secret', 'pii']), undefined); // { maxLength: 7703, plainMaxLength: 936, context: 48, unbounded: [] }
 */
export function ruleBounds(engine: Engine, categories: ReadonlySet<string>, fallback: number | undefined): RuleBounds {
  let maxLength = 0;
  let plainMaxLength = 0;
  let context = 0;
  const unbounded: string[] = [];
  for (const { id, rule } of engine.rules) {
    if (!categories.has(rule.category)) continue;
    const length = rule.maxLength ?? fallback;
    if (length === undefined) unbounded.push(id);
    else {
      maxLength = Math.max(maxLength, length);
      if (rule.startsWith === undefined) plainMaxLength = Math.max(plainMaxLength, length);
    }
    context = Math.max(context, besideReach(rule));
  }
  return { maxLength, plainMaxLength, context, unbounded };
}
