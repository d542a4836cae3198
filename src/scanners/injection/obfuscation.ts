import type { Finding } from '../../engine/finding.js';
import { isAscii } from '../../text/chars.js';
import { hasInvisible, hasTagCharacters } from '../../text/clean.js';
import type { TextView } from '../../text/view.js';
import { truncate } from './evidence.js';

/** A run of Unicode tag characters (U+E0000 block), as surrogate pairs. */
const TAG_RUN = /(?:\uDB40[\uDC00-\uDC7F])+/g;
/** U+1F3F4 WAVING BLACK FLAG: subdivision flags (🏴 + tags) are the one honest use of tag characters. */
const BLACK_FLAG = '\u{1F3F4}';
const LATIN_LETTER = /[A-Za-z]/;
/** A word mixing Latin with Cyrillic or Greek letters: look-alikes swapped in to dodge filters. */
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** Heuristic finding ids, `heuristic/<name>`. */
const IDS = {
  invisible: 'heuristic/invisible-in-words',
  tags: 'heuristic/tag-smuggling',
  mixed: 'heuristic/mixed-script-words',
} as const;

/**
 * Obfuscation signals read from the text and its clean view: invisible characters inside
 * Latin words, Unicode tag characters outside flag emoji, and words that mix Latin with
 * Cyrillic or Greek letters. Each is a weak cue on its own (score below the default
 * threshold, except tag smuggling, which has no honest use outside flags) and raises the
 * score of whatever rule the de-obfuscated text also trips.
 */
export function obfuscationFindings(text: string, clean: TextView): Finding[] {
  if (isAscii(text)) return [];
  const out: Finding[] = [];
  if (hasInvisible(text)) {
    const inWords = invisibleInWords(text, clean);
    if (inWords.count > 0) {
      out.push({
        ruleId: IDS.invisible,
        category: 'obfuscation',
        severity: 'medium',
        score: inWords.count >= 3 ? 0.45 : 0.3,
        start: inWords.start,
        end: inWords.end,
        view: 'raw',
        evidence: `${inWords.count} invisible character${inWords.count === 1 ? '' : 's'} inside words`,
      });
    }
  }
  if (hasTagCharacters(text)) {
    for (const m of text.matchAll(TAG_RUN)) {
      if (text.slice(Math.max(0, m.index - 2), m.index) === BLACK_FLAG) continue;
      const hidden = m[0].replace(/\uDB40([\uDC00-\uDC7F])/g, (_, low: string) =>
        String.fromCharCode(low.charCodeAt(0) - 0xdc00),
      );
      out.push({
        ruleId: IDS.tags,
        category: 'obfuscation',
        severity: 'high',
        score: 0.7,
        start: m.index,
        end: m.index + m[0].length,
        view: 'raw',
        evidence: `hidden text: ${truncate(hidden)}`,
      });
    }
  }
  const mixed = mixedScriptWords(text);
  if (mixed.count > 0) {
    out.push({
      ruleId: IDS.mixed,
      category: 'obfuscation',
      severity: 'medium',
      score: mixed.count >= 3 ? 0.45 : 0.3,
      start: mixed.start,
      end: mixed.end,
      view: 'raw',
      evidence: `${mixed.count} word${mixed.count === 1 ? '' : 's'} mixing Latin with Cyrillic or Greek letters, e.g. ${mixed.example}`,
    });
  }
  return out;
}

/**
 * Characters the clean view dropped between two Latin letters: gaps in its offset map.
 * A zero-width joiner inside an emoji sequence or Persian text is not counted.
 */
function invisibleInWords(text: string, clean: TextView): { count: number; start: number; end: number } {
  const { starts, ends } = clean;
  let count = 0;
  let start = -1;
  let end = -1;
  if (starts === null || ends === null) return { count, start, end };
  for (let i = 1; i < starts.length; i++) {
    const gapFrom = ends[i - 1]!;
    const gapTo = starts[i]!;
    if (gapTo <= gapFrom) continue;
    if (!LATIN_LETTER.test(text[gapFrom - 1] ?? '') || !LATIN_LETTER.test(text[gapTo] ?? '')) continue;
    count += gapTo - gapFrom;
    if (start < 0) start = gapFrom;
    end = gapTo;
  }
  return { count, start, end };
}

function mixedScriptWords(text: string): { count: number; start: number; end: number; example: string } {
  let count = 0;
  let start = -1;
  let end = -1;
  let example = '';
  // Most text has no Cyrillic or Greek letter at all: one search spares it the walk over its words.
  if (!LOOKALIKE_SCRIPT.test(text)) return { count, start, end, example };
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!LATIN.test(word) || !LOOKALIKE_SCRIPT.test(word)) continue;
    count++;
    if (start < 0) {
      start = m.index;
      example = word;
    }
    end = m.index + word.length;
  }
  return { count, start, end, example };
}
