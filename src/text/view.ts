/** The names of the text views a rule can run on. */
export type ViewName = 'raw' | 'clean' | 'fold';

/**
 * A transformed copy of a text with an offset map back to the original.
 * `starts[i]` / `ends[i]` give the original range that produced view character `i`;
 * both arrays are non-decreasing. `null` maps mean the view is the original text itself.
 */
export interface TextView {
  readonly name: ViewName;
  readonly text: string;
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
  /** Length of the original text, for spans that end at the end of the view. */
  readonly originalLength: number;
}

/** The identity view of `text`. */
export function rawView(text: string): TextView {
  return { name: 'raw', text, starts: null, ends: null, originalLength: text.length };
}

/** Maps a span `[start, end)` of a view back to the original text. */
export function toOriginal(view: TextView, start: number, end: number): [number, number] {
  if (view.starts === null || view.ends === null) return [start, end];
  const n = view.text.length;
  const s = start < n ? view.starts[start]! : view.originalLength;
  if (end <= start) return [s, s];
  return [s, view.ends[end - 1]!];
}

/**
 * Builds a view from a source view: every piece of output names the source range it
 * came from, and the builder composes that with the source's own map.
 */
export class ViewBuilder {
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(private readonly source: TextView) {
    const capacity = Math.max(16, source.text.length + 8);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Appends `out`, produced from source range `[from, to)` (to > from). */
  push(out: string, from: number, to: number): void {
    if (out.length === 0) return;
    const { starts, ends } = this.source;
    const s = starts === null ? from : starts[from]!;
    const e = ends === null ? to : ends[to - 1]!;
    this.reserve(out.length);
    this.starts.fill(s, this.length, this.length + out.length);
    this.ends.fill(e, this.length, this.length + out.length);
    this.length += out.length;
    this.parts.push(out);
  }

  /** Appends the source's own characters `[from, to)` unchanged, each keeping its own map. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    const n = to - from;
    this.reserve(n);
    const { starts, ends } = this.source;
    if (starts === null || ends === null) {
      for (let k = 0; k < n; k++) {
        this.starts[this.length + k] = from + k;
        this.ends[this.length + k] = from + k + 1;
      }
    } else {
      this.starts.set(starts.subarray(from, to), this.length);
      this.ends.set(ends.subarray(from, to), this.length);
    }
    this.length += n;
    this.parts.push(this.source.text.slice(from, to));
  }

  build(name: ViewName): TextView {
    return {
      name,
      text: this.parts.join(''),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
      originalLength: this.source.originalLength,
    };
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.starts.length) return;
    const size = Math.max(need, this.starts.length * 2);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * `view` with each range `[from, to)` of `ranges` (flattened, in any order) replaced by `by`, mapped
 * to the range; a range inside one already replaced is skipped, and an empty range puts `by` before
 * the character at `from`, mapped to it. `by` empty: the ranges are cut.
 */
export function replaceRanges(view: TextView, ranges: readonly number[], by: string): TextView {
  if (ranges.length === 0) return view;
  const order = [...Array(ranges.length / 2).keys()].sort((a, b) => ranges[2 * a]! - ranges[2 * b]!);
  const builder = new ViewBuilder(view);
  let last = 0;
  for (const r of order) {
    const from = ranges[2 * r]!;
    const to = ranges[2 * r + 1]!;
    if (from < last) continue;
    builder.copy(last, from);
    builder.push(by, from, Math.max(to, from + 1));
    last = to;
  }
  builder.copy(last, view.text.length);
  return builder.build(view.name);
}

/** Characters read before {@link changedWindows} judges its cover by what it has read. */
const SAMPLE = 4096;

/**
 * Where `derived`, a view built on `base` (fold on clean), differs from it, widened by `reach`
 * characters on each side: sorted, disjoint `[start, end)` windows of `derived` indices,
 * flattened. `null` as soon as they would cover more than `maxShare` of `derived`, or, past
 * its first {@link SAMPLE} characters, more than that share of what was read so far.
 *
 * A character is unchanged when it is the same character, from the same original range, as
 * the `base` character after the one its predecessor matched. A character right after a
 * removal (a seam) counts as changed, and so do the first and last characters when `base` has
 * characters before or after them. So a stretch of `derived` that touches no changed
 * character, nor one next to it, reads the same characters with the same neighbours in `base`.
 */
export function changedWindows(base: TextView, derived: TextView, reach = 0, maxShare = Infinity): number[] | null {
  const a = base.text;
  const b = derived.text;
  const windows: number[] = [];
  const maxCover = maxShare * b.length;
  let covered = 0;
  /** Adds the window of changed character `i`; false once the windows cover too much. */
  const mark = (i: number): boolean => {
    const start = Math.max(0, i - reach);
    const end = Math.min(b.length, i + 1 + reach);
    const last = windows.length - 1;
    if (last > 0 && start <= windows[last]!) {
      if (end > windows[last]!) {
        covered += end - windows[last]!;
        windows[last] = end;
      }
    } else {
      windows.push(start, end);
      covered += end - start;
    }
    return covered <= maxCover && (i < SAMPLE || covered <= maxShare * i);
  };
  if (a.length === b.length && base.starts === derived.starts && base.ends === derived.ends) {
    // Same map (no character added or removed): only substitutions.
    for (let i = 0; i < b.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && !mark(i)) return null;
    return windows;
  }
  const bs = base.starts;
  const be = base.ends;
  const startOf = (k: number): number => (bs === null ? k : bs[k]!);
  const endOf = (k: number): number => (be === null ? k + 1 : be[k]!);
  let j = 0; // where the search for a character's counterpart starts
  let prev = -1; // base index of the previous derived character's counterpart, or -1
  for (let i = 0; i < b.length; i++) {
    const s = derived.starts === null ? i : derived.starts[i]!;
    const e = derived.ends === null ? i + 1 : derived.ends[i]!;
    const c = b.charCodeAt(i);
    const k = i === 0 ? 0 : prev + 1;
    if ((i === 0 || prev >= 0) && k < a.length && startOf(k) === s && endOf(k) === e && a.charCodeAt(k) === c) {
      prev = k;
      j = k + 1;
      continue;
    }
    if (!mark(i)) return null;
    // Look for its counterpart further on, so the characters after a seam count as unchanged.
    while (j < a.length && (startOf(j) < s || (startOf(j) === s && endOf(j) < e))) j++;
    prev = j < a.length && startOf(j) === s && endOf(j) === e && a.charCodeAt(j) === c ? j : -1;
  }
  if (b.length > 0 && prev !== a.length - 1 && !mark(b.length - 1)) return null;
  return windows;
}
