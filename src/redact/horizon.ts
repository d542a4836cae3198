import type { Engine } from '../engine/engine.js';
import { besideReach } from '../engine/pack.js';

/** How far one group of rules reaches around a match start. */
interface Span {
  /** Right: a match starting this far before the end of the text received is complete, with its context. */
  reach: number;
  /** Left: history a decision needs, `reach` plus one match length of room for a spurious match at the window's cut edge. */
  behind: number;
}

/** What a stream must hold back, derived from the rules once per redactor. */
export interface Reach {
  /** The rules without usable `startsWith`, the restore tokens, and the widest context: held back at every point. */
  plain: Span;
  /** Literals of the rules with `startsWith`, ASCII-lowercased, each with the widest reach of the rules it starts. */
  anchors: ReadonlyMap<string, Span>;
  /** Characters a decision needs before a literal: the rule's left context, a `\b` and a token that may be hidden. */
  pad: number;
}

/** One occurrence of a literal: where it starts, and how far its rules reach. */
interface Hit extends Span {
  at: number;
}

/**
 * The reach of `engine`'s rules in `categories` for a stream that writes tokens of up to
 * `token` characters and restores tokens of up to `restore` characters (0 when not restoring).
 * A rule's `startsWith` is used only where the raw text shows its literals: on the raw view
 * alone, and with no `#`, the character a redactor writes over its own tokens before it scans.
 */
export function reachOf(
  engine: Engine,
  categories: ReadonlySet<string>,
  fallback: number,
  token: number,
  restore: number,
): Reach {
  let context = 0;
  let plain = restore;
  const anchored: { literals: readonly string[]; maxLength: number }[] = [];
  for (const { rule } of engine.rules) {
    if (!categories.has(rule.category)) continue;
    context = Math.max(context, besideReach(rule));
    const maxLength = rule.maxLength ?? fallback;
    const literals = rule.startsWith;
    const usable = literals !== undefined && rule.views.every((v) => v === 'raw') && literals.every((l) => !l.includes('#'));
    if (usable) anchored.push({ literals, maxLength });
    else plain = Math.max(plain, maxLength);
  }
  // A match starting `reach` before the end ends `context` + `token` before it: its rule's
  // context (and the character a `\b` or `$` looks at) has arrived, and a token starting
  // there has arrived whole, to be hidden as it will be in the whole text.
  const span = (maxLength: number): Span => {
    const reach = maxLength + context + token;
    return { reach, behind: reach + maxLength };
  };
  const anchors = new Map<string, Span>();
  for (const { literals, maxLength } of anchored) {
    const s = span(maxLength);
    for (const literal of literals) {
      const key = fold(literal);
      const prev = anchors.get(key);
      anchors.set(key, prev === undefined ? s : { reach: Math.max(prev.reach, s.reach), behind: Math.max(prev.behind, s.behind) });
    }
  }
  return { plain: span(plain), anchors, pad: context + token + 1 };
}

/**
 * Where a stream can decide up to, and how much of its past it keeps, as text arrives. A
 * rule without `startsWith` may have a match starting anywhere, so it holds back its reach
 * at every point. A rule with `startsWith` can only have a match starting at one of its
 * literals, or at a tail of the text that may still grow into one; so it holds back only
 * from the first such place that is not yet its reach away from the end, and keeps history
 * only back to the literals a decision may still need. Literals are found in each
 * character once, as it arrives.
 */
export class Horizon {
  /** Literals by their first character (folded), so that each position tries a few. */
  private readonly byHead = new Map<string, { literal: string; span: Span }[]>();
  /** Occurrences found and still needed, in text order. */
  private hits: Hit[] = [];
  /** Every literal starting before this was found or ruled out. */
  private examined = 0;
  /** The first position that may still begin a literal, as of the last call: the text after it has not arrived. */
  private pending = Number.POSITIVE_INFINITY;

  constructor(private readonly reach: Reach) {
    for (const [literal, span] of reach.anchors) {
      const list = this.byHead.get(literal[0]!) ?? [];
      list.push({ literal, span });
      this.byHead.set(literal[0]!, list);
    }
  }

  /** Decide what starts before this, for the text `buffer` that begins at `base` and ends the text received. */
  limit(buffer: string, base: number): number {
    const end = base + buffer.length;
    this.find(buffer, base);
    let limit = Math.min(end - this.reach.plain.reach, this.pending);
    for (const h of this.hits) {
      if (h.at >= limit) break;
      if (h.at >= end - h.reach) {
        limit = h.at;
        break;
      }
    }
    return limit;
  }

  /** Where the buffer must begin once everything before `until` is decided; never before `base`. */
  keep(base: number, until: number): number {
    this.hits = this.hits.filter((h) => h.at >= until - h.behind);
    let keep = until - this.reach.plain.behind;
    for (const h of this.hits) keep = Math.min(keep, h.at - this.reach.pad);
    return Math.max(base, keep);
  }

  /** Records the literals that start in the text not examined yet. */
  private find(buffer: string, base: number): void {
    const end = base + buffer.length;
    this.pending = Number.POSITIVE_INFINITY;
    for (let at = Math.max(this.examined, base); at < end; at++) {
      const candidates = this.byHead.get(foldChar(buffer[at - base]!));
      if (candidates === undefined) {
        this.examined = at + 1;
        continue;
      }
      let hit: Hit | undefined;
      for (const { literal, span } of candidates) {
        const seen = Math.min(literal.length, end - at);
        if (!sameFolded(buffer, at - base, literal, seen)) continue;
        if (seen < literal.length) {
          // The literal may still complete here: nothing from here on is decided, and this
          // position is looked at again when more text arrives.
          this.pending = at;
          return;
        }
        if (hit === undefined) hit = { at, ...span };
        else hit = { at, reach: Math.max(hit.reach, span.reach), behind: Math.max(hit.behind, span.behind) };
      }
      if (hit !== undefined) this.hits.push(hit);
      this.examined = at + 1;
    }
  }
}

/**
 * Folds an ASCII literal or a character of text the way RE2's `i` flag relates them to ASCII:
 * letters to lower case, and the two non-ASCII letters RE2 folds into ASCII ones (long s,
 * Kelvin sign) to theirs.
 */
function foldChar(c: string): string {
  if (c >= 'A' && c <= 'Z') return String.fromCharCode(c.charCodeAt(0) + 32);
  if (c === '\u017f') return 's';
  if (c === '\u212a') return 'k';
  return c;
}

function fold(text: string): string {
  let out = '';
  for (const c of text) out += foldChar(c);
  return out;
}

function sameFolded(text: string, from: number, literal: string, length: number): boolean {
  for (let i = 0; i < length; i++) if (foldChar(text[from + i]!) !== literal[i]) return false;
  return true;
}
