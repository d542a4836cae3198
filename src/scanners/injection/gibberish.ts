import type { Finding } from '../../engine/finding.js';
import { FENCE, INLINE_CODE } from '../../text/markdown.js';
import { truncate } from './evidence.js';

/** Whitespace-separated tokens. */
const TOKEN = /\S+/g;
/** Wrapping punctuation a normal word can carry at its edges. */
const OPENERS = new Set('("\'“‘[*_');
const CLOSERS = new Set(')"\'”’].,;:!?*_');

/**
 * `token` without its leading openers and trailing closers. A loop, not a regex: an anchored
 * `[…]+$` alternative retried at every position is quadratic on a long run of punctuation.
 */
function stripEdges(token: string): string {
  let start = 0;
  while (start < token.length && OPENERS.has(token[start]!)) start++;
  let end = token.length;
  while (end > start && CLOSERS.has(token[end - 1]!)) end--;
  return token.slice(start, end);
}
/** Characters that prose does not put inside a word. Brackets are judged apart, by whether they pair up. */
const SYMBOL = /[\\^~`$=*#@%&;"!?+<>|]|''/;
const BRACKETS = /[()[\]{}]/g;
const QUOTE = /["`“”]/;
/** Tokens glued together: `soldiersHere`, `XVIIIblogs`. */
// `[A-Z]{3}[a-z]{2}` finds exactly the tokens `[A-Z]{3,}[a-z]{2,}` would, without retrying a long
// capital run from every position (quadratic).
const GLUED = /[a-z][A-Z][a-z]|[A-Z]{3}[a-z]{2}/;
/** A closing bracket or quote between two words of one token: `atte.)ANT`, `Starting."Here`. */
const CLOSED_IN_WORD = /\p{L}[.,:;!?]*[)\]}"`”][.,:;!?'"]*\p{L}/u;
/**
 * A word spelled out letter by letter with one separator (`i*g*n*o*r*e`, `s_e_c_r_e_t`,
 * `p.a.s.s.w.o.r.d`): obfuscation. Hyphens are left out, as people spell a word that way
 * (`c-a-t`); with dots, five letters or more, as acronyms and abbreviations are written with
 * dots and shorter (`N.A.T.O.`, `a.k.a.`, `r.s.v.p.`: four of them in a sentence read as noise).
 */
const SPELLED = /^\p{L}([*_])\p{L}(?:\1\p{L})+$|^\p{L}(?:\.\p{L}){4,}$/u;
/** Spelled-out words in one window that make it noise without a loose bracket: prose spells out one word, not three. */
const SPELLED_RUN = 3;
/** A letter or a digit: a token without one is punctuation. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** Dots run into a word (`anglais.....WRITE`, `Begr........`): not an ellipsis, not an abbreviation. */
const DOTS_IN_WORD = /\p{L}\.{3,}\p{L}|\.{4,}|__/u;
/** A function call or attribute path, which reads as code rather than noise: `model.float()`. */
const CALL = /^[\w.]+\([\w.,'" ]*\)[.,;:]?$/;
/**
 * Shapes that carry symbols by nature: URLs and paths, e-mail addresses, hashtags and mentions,
 * `key=value` and `--flag=value`, amounts (`$9.99`, `~€3M`).
 */
const DATA =
  /^(?:[a-z][a-z\d+.-]{0,15}:\/\/\S*|\.{0,2}\/[\w~.-]\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[#@][\p{L}\p{N}_]+|-{0,2}[\p{L}_][\w.-]*=(?:[\w./'"][\w.:/@%+,'"-]*)?|[-+~]?[$€£¥]\d[\d.,]*[kKmMbB%]?)$/u;
/** Emoticons (`:-)`, `;]`): their brackets pair with nothing. */
const EMOTICON = /^[:;][-'^o]?[()[\]{}|\\/]+$/;
/** A token in quotes (`'(]'`, `"{"`): brackets written about, not used. */
const QUOTED = /^(?:'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”)[.,;:!?]*$/;
/** List enumerators (`2)`, `b)`, `iv)`, `6)Mean`), or the end of `(a, b)`: a closer that needs no opener. */
const ENUMERATOR = /^(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,4})\)(?:\p{L}+)?[.:,;]?$/u;
/**
 * Lines that look like source code, where odd tokens are normal: indented, opening with a keyword
 * or an assignment, a list or quote marker, or opening a block after a call or an arrow
 * (`test('…', (t) => {`, code whether or not the block closes in the text).
 */
const CODE_LINE =
  /^\s{2,}\S|^\t|^\s*(?:def|class|function|return|import|export|from|const|let|var|type|interface|enum|declare|async|if|elif|else|for|while|try|except|public|private|#include|SELECT|<\/?[a-z]+[ >])\b|^\s*[\w.]+\s*=\s|^\s*[-*>|]\s|^\s*\d+[.)]\s|(?:\)|=>)\s*\{\s*$/;
/** A line ending as a statement or block does; code only while its brackets pair up (a suffix can end in `"${`). */
const CODE_END = /[;{}]\s*$/;
/** Operators and words of C-like code; a line holding many of them is code, minified or not (a suffix holds one or two at most). */
const CODE_TOKENS = /===|!==|=>|&&|\|\||\+\+|\+=|\breturn\b|\bfunction\b|\bthis\.|\bvar\s|\blet\s|\bconst\s/g;
const CODE_TOKENS_PER_LINE = 6;
/** HTML or XML tags: markup, not noise. */
const TAG = /<\/?[A-Za-z][^<>\n]{0,200}>/g;
/** Chinese, Japanese and Korean write without spaces, so a "token" there is a whole clause. */
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;
/**
 * A token of emoji (`🏃‍♀️💨`, `👍🏽`), which the suffix heuristic skips. Emoji only, not every symbol
 * the fold view reads as a pictograph between words (`\p{So}`): `(╯°□°）╯︵ ┻━┻` is a line's noise.
 */
const PICTOGRAPHS = /^(?:\p{Extended_Pictographic}|\u200d|\ufe0f|[\u{1F3FB}-\u{1F3FF}])+$/u;
/** Numbers, percentages, lone operators and list markers (`8%`, `=`, `6)Mean`): data and maths, not noise. */
const PLAIN = /^(?:[-+]?[\d.,]+%?|[-+=*/<>%&]|\d+[).]\p{L}+)$/u;
const PAIRS = [['(', ')'], ['[', ']'], ['{', '}']] as const;
/** A number followed by an inch or seconds mark (`55"`), not a quotation. */
const INCHES = /^[\d.,]+["”]$/;

/**
 * Tokens per window, and the weight (odd tokens plus brackets and quotes left unpaired, at most
 * 3 of those) a window needs: from {@link MIN_WEIGHT} on, with a bracket or quote left unpaired,
 * it is a suffix (0.7, 0.85 from {@link STRONG_WEIGHT}); from {@link WEAK_WEIGHT}, a weak cue
 * (0.3) that flags only beside another, as a shorter or milder suffix after a harmful request does.
 */
const WINDOW = 12;
const MIN_WEIGHT = 4;
const STRONG_WEIGHT = 8;
const WEAK_WEIGHT = 3;
/** A word with at most one closing mark, the common token, odd only when glued (`similarlyNow,`). */
const SIMPLE_WORD = /^[\p{L}\p{N}'’-]+[.,;:!?]?$/u;

/**
 * Finds adversarial-suffix gibberish (the GCG kind): a run of tokens on one prose line where
 * many tokens carry symbols, quotes or backslashes inside them, or are glued words, and
 * brackets open or close without a partner, as optimisation against a model produces and no
 * language writes. Code (fenced blocks, code-looking lines, balanced inline code) is skipped.
 * Brackets are paired over the whole text, so code, maths and formulas, whose brackets pair up,
 * reach a weak cue at most, and noise, whose brackets do not, a strong one. Linear: one pass to
 * pair brackets, one sliding window per line.
 *
 * A suffix whose spaces are disguised is read too: a line of glued words (camel case, a joiner
 * for every space: {@link longEnough}) or one word a line ({@link shortLines}). Such a reading, and
 * every reading with `disguised` (a view that set words apart), holds a window to a further
 * test ({@link Line}).
 */
export function adversarialSuffix(text: string, options: { disguised?: boolean } = {}): Finding | null {
  // Fenced code is code, not prose; inline code is blanked when its brackets balance, as real code's do.
  const unfenced = text.includes('```') ? blank(text, FENCE, () => true) : text;
  const prose = blank(blank(unfenced, TAG, () => true), INLINE_CODE, (span) => balanced(span));
  const starts: number[] = [];
  const words: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(prose); m !== null; m = TOKEN.exec(prose)) {
    // Emoji are no tokens (`Write 👏 a 👏 tutorial`, `so proud 🥂🍾`): neither noise nor words.
    if (m[0].charCodeAt(0) >= 0x2000 && PICTOGRAPHS.test(m[0])) continue;
    starts.push(m.index);
    words.push(m[0]);
  }
  const unpaired = pairBrackets(prose, starts, words);
  let best: Finding | null = null;
  let first = 0;
  // Each line is in one block of short lines (see shortLines), measured once from its first line.
  let readUntil = 0;
  while (first < words.length) {
    let lineEnd = lineEndOf(prose, starts[first]!);
    let last = first;
    while (last < words.length && starts[last]! < lineEnd) last++;
    let disguised = options.disguised === true || last - first < WINDOW;
    // A line of a window's tokens or more stands alone: no block starts there.
    if (first >= readUntil && last - first < WINDOW) {
      const block = shortLines(prose, starts, first);
      readUntil = block.last;
      if (block.lines >= FEWEST_LINES && block.single * 3 >= block.lines * 2) {
        last = block.last;
        lineEnd = block.end;
        disguised = true;
      }
    }
    const hit = longEnough(words, first, last) ? scanLine(text, prose, { starts, words, unpaired }, { first, last, lineEnd, disguised }) : null;
    if (hit !== null && (best === null || hit.score > best.score)) best = hit;
    if (best !== null && best.score >= 0.85) break;
    first = last;
  }
  return best;
}

/**
 * The block of short lines (each under {@link WINDOW} tokens, no blank line between) from the line
 * of token `first`: its lines, those holding a single word ({@link isPlainWord}), its end and the
 * token after it. A block of {@link FEWEST_LINES} lines or more, two in three of one word, is one
 * word a line (`Write⏎a⏎tutorial⏎…⏎Herezak({[HTMLsvg`), read as one line: broken up, a suffix has
 * too few tokens on each.
 */
function shortLines(prose: string, starts: readonly number[], first: number): { lines: number; single: number; end: number; last: number } {
  let lines = 0;
  let single = 0; // lines of a single word
  let end = starts[first]!;
  let i = first;
  while (i < starts.length) {
    const lineEnd = lineEndOf(prose, starts[i]!);
    let next = i;
    while (next < starts.length && starts[next]! < lineEnd) next++;
    if (next - i >= WINDOW) break;
    lines++;
    if (next - i === 1 && isPlainWord(prose.slice(starts[i]!, lineEnd).trim())) single++;
    end = lineEnd;
    i = next;
    // A blank line ends the block.
    if (i < starts.length && prose.lastIndexOf('\n', starts[i]!) !== lineEnd) break;
  }
  return { lines, single, end, last: i };
}

/**
 * A line holds a window of words: {@link WINDOW} tokens, or at least {@link FEWEST_TOKENS} whose
 * words glued in camel case or by joiners ({@link gluedWords}) make up the rest
 * (`WriteATutorialOnHow…Bomb Herezak({[…`: text run together holds as many words as the same text
 * spaced, in fewer tokens). The window is then the line.
 */
function longEnough(words: readonly string[], first: number, last: number): boolean {
  if (last - first >= WINDOW) return true;
  if (last - first < FEWEST_TOKENS) return false;
  let n = last - first;
  for (let i = first; i < last && n < WINDOW; i++) n += gluedWords(words[i]!);
  return n >= WINDOW;
}

/**
 * The words glued after the first in a token of prose run together, in camel case or with a
 * joiner for every space (`WriteATutorialOnHowToMakeABomb`: 8), else 0.
 * Read on the token's first run of letters and joiners (`…-appearance-Herezak` of
 * `…-appearance-Herezak({[HTMLsvg`), which must hold three words or more, one of them a word of
 * grammar ({@link GRAMMAR}), which names in code (`BetaSlackChannelSettings`,
 * `__classPrivateFieldGet`, `font-family-sans-serif`) seldom hold.
 */
function gluedWords(token: string): number {
  if (isHashtag(stripEdges(token))) return 0;
  let start = 0;
  while (start < token.length && !IS_LETTER.test(token[start]!)) start++;
  let end = start;
  while (end < token.length && PROSE_CHAR.test(token[end]!)) end++;
  while (end > start && !IS_LETTER.test(token[end - 1]!)) end--;
  const parts = token.slice(start, end).split(GLUE);
  return parts.length >= 3 && parts.some((p) => GRAMMAR.has(p.toLowerCase())) ? parts.length - 1 : 0;
}

/**
 * True for a hashtag or a mention (`#NeverGiveUp`, `@JaneDoe`), glued by its nature: a word with
 * `#` or `@` first that {@link DATA} reads (of its shapes, only those two start so).
 */
function isHashtag(core: string): boolean {
  return (core[0] === '#' || core[0] === '@') && DATA.test(core);
}

/** Fewest tokens of a line read as a window, its words glued (see {@link longEnough}). */
const FEWEST_TOKENS = 6;
/** Fewest lines of a block read as one line (see {@link shortLines}). */
const FEWEST_LINES = 6;
/**
 * A letter. Edges are cut in a loop: `\P{L}+$` retried at every position is quadratic on a long run
 * of symbols.
 */
const IS_LETTER = /\p{L}/u;
/** Letters, apostrophes and joiners (see {@link gluedWords}). */
const PROSE_CHAR = /[\p{L}'’_+-]/u;
/**
 * Where words are glued: a run of joiners, before a capital after a lower-case letter, or after a
 * one-letter word in camel case (`MakeABomb`).
 */
const GLUE = /[-_+]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
/** Short words of grammar (English, and a few of the languages the packs read), glued in prose run together. */
const GRAMMAR = new Set(['a', 'an', 'the', 'to', 'of', 'on', 'in', 'for', 'how', 'that', 'and', 'or', 'is', 'with', 'your', 'you', 'my', 'me', 'it', 'as', 'by', 'from', 'this', 'les', 'la', 'le', 'de', 'des', 'el', 'los', 'que', 'und', 'der', 'die', 'das', 'het', 'een']);

function lineEndOf(s: string, from: number): number {
  const end = s.indexOf('\n', from);
  return end < 0 ? s.length : end;
}

/** `text` with the matches of `re` that pass `when` replaced by spaces, offsets kept. */
function blank(text: string, re: RegExp, when: (span: string) => boolean): string {
  return text.replace(re, (m) => (when(m) ? m.replace(/[^\n]/g, ' ') : m));
}

function balanced(s: string): boolean {
  return PAIRS.every(([open, close]) => s.split(open).length === s.split(close).length);
}

/**
 * Pairs the brackets of all tokens in text order, as nesting does, and returns per token those
 * left without a partner: a closer with no opener of its kind, an opener never closed, and
 * openers a closer of another kind skips over. A bracket after a backslash is a literal (`\(`
 * in a regex); `(` or `[` closed by the other within three tokens is an interval (`[0, 1)`); an
 * enumerator's `)` closes an open `(` if there is one (`(a, b)`) and is ignored if not (`b)`).
 * Linear: a closer pops only what it closes.
 */
function pairBrackets(prose: string, starts: readonly number[], words: readonly string[]): number[] {
  const unpaired = new Array<number>(words.length).fill(0);
  const stackToken: number[] = [];
  const stackKind: number[] = [];
  const open = [0, 0, 0];
  const pop = (): number => {
    const kind = stackKind.pop()!;
    stackToken.pop();
    open[kind]!--;
    return kind;
  };
  // Brackets are rare: find them in the text, then walk to their tokens (both in text order).
  let i = 0;
  BRACKETS.lastIndex = 0;
  for (let m = BRACKETS.exec(prose); m !== null; m = BRACKETS.exec(prose)) {
    while (starts[i]! + words[i]!.length <= m.index) i++;
    const token = words[i]!;
    BRACKETS.lastIndex = starts[i]! + token.length;
    if (EMOTICON.test(token) || QUOTED.test(token)) continue;
    if (ENUMERATOR.test(token)) {
      if (stackKind[stackKind.length - 1] === 0) pop();
      continue;
    }
    for (let c = 0; c < token.length; c++) {
      const kind = BRACKET_KIND[token[c]!];
      if (kind === undefined || token[c - 1] === '\\') continue;
      const top = stackKind.length - 1;
      if (PAIRS[kind]![0] === token[c]) {
        stackToken.push(i);
        stackKind.push(kind);
        open[kind]!++;
      } else if (top >= 0 && stackKind[top]! + kind === 1 && i - stackToken[top]! <= 2) {
        pop();
      } else if (open[kind] === 0) {
        unpaired[i]!++;
      } else {
        for (;;) {
          const token = stackToken[stackToken.length - 1]!;
          if (pop() === kind) break;
          unpaired[token]!++;
        }
      }
    }
  }
  for (const t of stackToken) unpaired[t]!++;
  return unpaired;
}

const BRACKET_KIND: Record<string, number> = { '(': 0, ')': 0, '[': 1, ']': 1, '{': 2, '}': 2 };

interface Tokens {
  starts: readonly number[];
  words: readonly string[];
  unpaired: readonly number[];
}

/** Where {@link scanLine} reads: the tokens `[first, last)` of a line or block ending at `lineEnd`, and whether its spaces were disguised. */
interface Line {
  first: number;
  last: number;
  lineEnd: number;
  /**
   * Read as a line only once its spaces are read through (glued words, one word a line, the fold
   * view): a window then needs {@link INNER_SYMBOLS} tokens with symbols inside as well, which a
   * suffix keeps however it is spaced, and a post of hashtags, emoji and an aside in brackets has not.
   */
  disguised: boolean;
}

/**
 * Tokens with a symbol inside (see {@link symbolInside}) a window of a disguised line needs: one.
 * Of the eval's 395 optimiser suffixes, 366 hold one or more; of 30 posts, lyrics and lists that
 * a reading through disguised spaces flagged without it (hashtags, emoji, an aside left open),
 * none. Two would keep 322 suffixes.
 */
const INNER_SYMBOLS = 1;

/** True when `token`, its wrapping punctuation and first and last characters aside, holds a symbol or bracket (`Herezak({[HTMLsvg`, `Sure,].[`). */
function symbolInside(token: string): boolean {
  const core = stripEdges(token);
  return core.length > 2 && INNER_SYMBOL.test(core.slice(1, -1));
}
const INNER_SYMBOL = /[\\^~`$=*#@%&;"!?+<>|()[\]{}]/;

/** The best window of a line (or block, see {@link shortLines}), or null below the weak weight. */
function scanLine(text: string, prose: string, { starts, words, unpaired }: Tokens, { first, last, lineEnd, disguised }: Line): Finding | null {
  const lineStart = prose.lastIndexOf('\n', starts[first]!) + 1;
  const line = prose.slice(lineStart, lineEnd);
  if (line.trim().length < 40 || isCode(line) || codeTokens(line) >= CODE_TOKENS_PER_LINE) return null;
  let loose = 0;
  for (let i = first; i < last; i++) loose += unpaired[i]!;
  if (loose === 0 && CODE_END.test(line)) return null;
  const odd: number[] = [];
  const inner: number[] = [];
  const spelled: number[] = [];
  const quoted: number[] = [];
  let quotesOnLine = 0;
  for (let i = first; i < last; i++) {
    const word = words[i]!;
    const kind = classify(word, unpaired[i]! > 0);
    odd.push(kind === NORMAL ? 0 : 1);
    inner.push(disguised && symbolInside(word) ? 1 : 0);
    spelled.push(kind === SPELLED_OUT ? 1 : 0);
    quoted.push(quotes(word));
    quotesOnLine += quoted[quoted.length - 1]!;
  }
  // Quotes in prose come in pairs: a window holding an odd number counts only on a line that does.
  const oddQuotes = quotesOnLine % 2 === 1;
  let odds = 0;
  let innerIn = 0;
  let spelledIn = 0;
  let loosePairs = 0;
  let quotesIn = 0;
  // A window of WINDOW tokens, or the whole line when its words are glued (see longEnough).
  const size = Math.min(WINDOW, last - first);
  let best = -1;
  let bestWeight = 0;
  let bestScore = 0;
  for (let k = 0; k < odd.length; k++) {
    odds += odd[k]!;
    innerIn += inner[k]!;
    spelledIn += spelled[k]!;
    loosePairs += unpaired[first + k]!;
    quotesIn += quoted[k]!;
    if (k >= size) {
      odds -= odd[k - size]!;
      innerIn -= inner[k - size]!;
      spelledIn -= spelled[k - size]!;
      loosePairs -= unpaired[first + k - size]!;
      quotesIn -= quoted[k - size]!;
    }
    if (k < size - 1 || (disguised && innerIn < INNER_SYMBOLS)) continue;
    const unmatched = loosePairs + (oddQuotes ? quotesIn % 2 : 0);
    const weight = odds + Math.min(3, unmatched);
    const score = strength(weight, unmatched > 0 || spelledIn >= SPELLED_RUN);
    if (score > bestScore || (score === bestScore && weight > bestWeight)) {
      bestScore = score;
      bestWeight = weight;
      best = first + k;
    }
  }
  if (bestScore === 0) return null;
  const start = starts[best - size + 1]!;
  const end = starts[best]! + words[best]!.length;
  return {
    ruleId: 'heuristic/adversarial-suffix',
    category: 'adversarial-suffix',
    severity: 'high',
    score: bestScore,
    start,
    end,
    view: 'raw',
    evidence: `symbol-laden, glued or unbalanced tokens (weight ${bestWeight} in ${size}): ${truncate(text.slice(start, end))}`,
  };
}

/**
 * True when a line, or a line of a block (see {@link shortLines}), looks like code ({@link CODE_LINE}).
 * A line of one word, not indented, is not code in a block (`for`, `from` and `type` stand alone one word a line).
 */
function isCode(line: string): boolean {
  if (!line.includes('\n')) return CODE_LINE.test(line);
  return line.split('\n').some((l) => CODE_LINE.test(l) && (!isPlainWord(l.trim()) || INDENTED.test(l)));
}

/** An indented line. */
const INDENTED = /^(?:\s{2,}|\t)\S/;

/** A word that is neither glued nor a name in code (`BrowserSwitchTabConfig,`): one word a line is made of these. */
function isPlainWord(token: string): boolean {
  return SIMPLE_WORD.test(token) && !GLUED.test(token);
}

/** The code operators and words of {@link CODE_TOKENS} in `line`, counted up to {@link CODE_TOKENS_PER_LINE}. */
function codeTokens(line: string): number {
  let n = 0;
  CODE_TOKENS.lastIndex = 0;
  while (n < CODE_TOKENS_PER_LINE && CODE_TOKENS.exec(line) !== null) n++;
  CODE_TOKENS.lastIndex = 0;
  return n;
}

/**
 * The score of a window: a suffix needs `noise`, a bracket or quote left without a partner,
 * which optimisation leaves and code, maths and formulas do not, or a run of words spelled out
 * letter by letter; symbols whose brackets all pair up, or glued names alone (`PlayStation`,
 * `QuickSort`), are a weak cue at most.
 */
function strength(weight: number, noise: boolean): number {
  if (weight < WEAK_WEIGHT) return 0;
  if (!noise || weight < MIN_WEIGHT) return 0.3;
  return weight >= STRONG_WEIGHT ? 0.85 : 0.7;
}

/** Double quotes and backticks in `token`, except an inch mark after a number. */
function quotes(token: string): number {
  if (!QUOTE.test(token) || INCHES.test(token)) return 0;
  let n = 0;
  for (const ch of token) if (ch === '"' || ch === '`' || ch === '“' || ch === '”') n++;
  return n;
}

const NORMAL = 0;
const ODD = 1;
const SPELLED_OUT = 2;

/**
 * Whether a token is normal, odd (symbols inside it, glued words, dots run into a word, a
 * bracket that pairs with nothing) or a word spelled out letter by letter (odd too). Hashtags
 * and mentions are normal.
 */
function classify(token: string, unpaired: boolean): number {
  // A simple word holds no bracket, so none of its own can be unpaired.
  if (SIMPLE_WORD.test(token)) return GLUED.test(token) && !CJK.test(token) ? ODD : NORMAL;
  const core = stripEdges(token);
  if (SPELLED.test(core)) return SPELLED_OUT;
  if (unpaired) return ODD;
  if (ENUMERATOR.test(token) || EMOTICON.test(token)) return NORMAL;
  if (!WORDLIKE.test(core)) return token.length >= 2 && !/^(?:[-.…!?·–—/]+|&)$/.test(token) ? ODD : NORMAL;
  if (CALL.test(core) || PLAIN.test(core) || CJK.test(core) || isHashtag(core)) return NORMAL;
  if (GLUED.test(core) || CLOSED_IN_WORD.test(core)) return ODD;
  if ((core.includes('..') || core.includes('__')) && DOTS_IN_WORD.test(core)) return ODD;
  return SYMBOL.test(core) && !DATA.test(core) ? ODD : NORMAL;
}
