import { charClass, isAscii, startBefore } from './chars.js';
import { type TextView, ViewBuilder } from './view.js';

/**
 * Characters that render as nothing (or only steer layout) and hide text from a human
 * reviewer while a model still reads around them: zero-width spaces and joiners, bidi
 * controls, word joiners and invisible operators, BOM, soft hyphen, variation selectors,
 * Hangul fillers, the combining grapheme joiner.
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDD00-\uDDEF]/;

/** Unicode tag characters U+E0000–U+E007F (surrogates DB40 DC00–DC7F). */
const TAG = /\uDB40[\uDC00-\uDC7F]/;

/** What pass 1 removes or decodes: invisible characters and tag characters, one at a time. */
const STRIP = new RegExp(`${INVISIBLE.source}|${TAG.source}`, 'g');

const MARK = /^[\p{M}]$/u;
/** Hangul jamo that compose with the preceding syllable or lead jamo under NFKC. */
const isHangulTail = (cp: number): boolean => (cp >= 0x1161 && cp <= 0x11c2) || (cp >= 0xd7b0 && cp <= 0xd7fb);

/** True when `text` has an invisible or tag character. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text) || TAG.test(text);
}

/** True when a tag character (U+E0000 block) hides text. */
export function hasTagCharacters(text: string): boolean {
  return TAG.test(text);
}

/**
 * The clean view: invisible characters removed, tag characters decoded to the ASCII they
 * hide, then NFKC (fullwidth, ligatures, mathematical alphanumerics and the like become
 * plain characters), and Markdown emphasis around words dropped ({@link dropMarkup}). Pure
 * ASCII text without emphasis is returned as the source view itself.
 */
export function cleanView(source: TextView): TextView {
  return dropMarkup(unicodeClean(source), EMPHASIS);
}

/** Markdown emphasis and strike-through: runs of `*` and `~` (`**Ignore** ~~all~~`). */
export const EMPHASIS = /[*~]+/g;
/**
 * Runs of emphasis and underscores (`__Ignore__ _all_`), which the fold view drops: not the clean
 * view, since identifiers hold underscores (`_private`, `__init__`). One run for both, so that
 * `a_~` loses the two at once and the fold view is left with no emphasis to drop.
 */
export const MARKUP = /[*~_]+/g;

/**
 * `view` without the runs of `markup` (a global search for a plain class, which V8 runs fast)
 * that open a word (after anything but a word character: a letter, mark, digit or leet `@` and `$`,
 * see {@link charClass}) or close one:
 * `**Ignore** **all**` → `Ignore all`, `~~パスワード~~は` → `パスワードは`, as a reader skips them.
 * Not those between word characters (`p*ssword`, `system_prompt`: one word written so), nor
 * those beside none (`.*?`, `a * b`, `~/.ssh`), nor those beside a slash (`/*Note`).
 */
export function dropMarkup(view: TextView, markup: RegExp): TextView {
  const text = view.text;
  let builder: ViewBuilder | undefined;
  let last = 0;
  markup.lastIndex = 0;
  for (let m = markup.exec(text); m !== null; m = markup.exec(text)) {
    const end = m.index + m[0].length;
    // A comment's `/*` and `*/` are no emphasis.
    if (text.charCodeAt(m.index - 1) === 0x2f || text.charCodeAt(end) === 0x2f) continue;
    const before = m.index > 0 && charClass(text.codePointAt(startBefore(text, m.index))!) !== 0;
    const after = end < text.length && charClass(text.codePointAt(end)!) !== 0;
    if (before === after) continue;
    builder ??= new ViewBuilder(view);
    builder.copy(last, m.index);
    last = end;
  }
  if (builder === undefined) return view;
  builder.copy(last, text.length);
  return builder.build(view.name);
}

/**
 * The clean view but for the emphasis: what the fold view runs again after it changes letters
 * (folding and leet keep words words, so emphasis dropped once stays dropped). `ascii`: whether
 * the text is pure ASCII, which this leaves as it is, when the caller knows.
 */
export function unicodeClean(source: TextView, ascii = isAscii(source.text)): TextView {
  const text = source.text;
  // Every invisible and tag character is outside ASCII.
  if (ascii) return { ...source, name: 'clean' };

  // Pass 1: strip and decode, keeping each kept code point's source range.
  let mid: TextView = { ...source, name: 'clean' };
  if (hasInvisible(text)) {
    const step1 = new ViewBuilder(source);
    let kept = 0;
    STRIP.lastIndex = 0;
    for (let m = STRIP.exec(text); m !== null; m = STRIP.exec(text)) {
      step1.copy(kept, m.index);
      const cp = text.codePointAt(m.index)!;
      if (cp >= 0xe0020 && cp <= 0xe007e) step1.push(String.fromCharCode(cp - 0xe0000), m.index, m.index + 2);
      kept = m.index + m[0].length;
    }
    step1.copy(kept, text.length);
    mid = step1.build('clean');
  }
  // Most text is already in NFKC: one native check spares the segment walk.
  if (mid.text.normalize('NFKC') === mid.text) return mid;

  // Pass 2: NFKC one segment at a time (a code point with the marks and jamo that
  // compose with it), so each output character knows where it came from.
  const out = nfkcSegments(mid, true);
  if (out.text === out.text.normalize('NFKC')) return out;
  // Rare sequences compose across the segments above; fall back to coarser segments that
  // break only before Latin-1 characters (which never compose with what precedes them).
  const coarse = nfkcSegments(mid, false);
  if (coarse.text === coarse.text.normalize('NFKC')) return coarse;
  const whole = new ViewBuilder(source);
  if (text.length > 0) whole.push(mid.text.normalize('NFKC'), 0, text.length);
  return whole.build('clean');
}

/**
 * NFKC of `mid`, segment by segment. `fine` segments are one code point plus its marks;
 * coarse ones break only before U+0000–U+02FF.
 */
function nfkcSegments(mid: TextView, fine: boolean): TextView {
  const text = mid.text;
  const builder = new ViewBuilder(mid);
  let segStart = 0;
  let same = 0; // start of the run of segments that NFKC leaves as they are
  const flush = (end: number): void => {
    if (end <= segStart) return;
    // A lone character below U+00A0 is its own NFKC.
    if (end - segStart === 1 && text.charCodeAt(segStart) < 0xa0) {
      segStart = end;
      return;
    }
    const piece = text.slice(segStart, end);
    const normal = piece.normalize('NFKC');
    if (normal !== piece) {
      builder.copy(same, segStart);
      builder.push(normal, segStart, end);
      same = end;
    }
    segStart = end;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    // Marks and jamo all lie at U+0300 and above.
    const joins = cp >= 0x300 && (!fine || MARK.test(String.fromCodePoint(cp)) || isHangulTail(cp));
    if (!joins) flush(i);
    i += width;
  }
  flush(text.length);
  builder.copy(same, text.length);
  return builder.build('clean');
}
