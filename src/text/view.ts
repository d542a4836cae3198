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
