import RE2 from 're2';

/** One encoded segment of a text and what it decodes to. */
export interface EncodedSegment {
  kind: 'base64' | 'hex' | 'url' | 'escapes' | 'rot13' | 'caesar' | 'binary' | 'morse' | 'reversed';
  /** Span `[start, end)` of the encoded text. */
  start: number;
  end: number;
  decoded: string;
  /**
   * A reading backwards that shows more signs of writing backwards than the text it was read
   * from: forwards text turned round, which reads as gibberish without being any.
   */
  garbled?: boolean;
}

const BASE64 = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX = /(?:(?:\\x|0x)?[0-9A-Fa-f]{2}[ ,:]?){12,}/g;
/**
 * Maximal runs of URL-safe characters and percent escapes; runs with fewer than four escapes
 * are dropped after matching. One greedy alternation per character keeps this linear (a
 * leading `[…]*` before a counted group backtracks quadratically on long plain runs).
 */
const URL_RUN = /(?:[A-Za-z0-9._~+-]|%[0-9A-Fa-f]{2})+/g;
const URL_ESCAPE = /%[0-9A-Fa-f]{2}/g;
/** Numeric character references and `\u` escapes: what writes a letter as a code. */
const NUMERIC = String.raw`&#[0-9]{1,7};|&#[xX][0-9A-Fa-f]{1,6};|\\u[0-9A-Fa-f]{4}|\\u\{[0-9A-Fa-f]{1,6}\}`;
/**
 * HTML character references (`&#105;`, `&#x69;`, `&lt;`) and JavaScript, JSON and Python escapes
 * (`\u0069`, `\u{69}`): runs from one to the last on a line, with the text between them; a run is
 * decoded only when numeric escapes make up half of it or more ({@link encodedShare}).
 */
const ESCAPE = String.raw`${NUMERIC}|&[a-zA-Z]{2,6};`;
const ESCAPE_RUN = new RegExp(String.raw`(?:${ESCAPE})(?:[^\n&\\]*(?:${ESCAPE}))*`, 'g');
const ONE_ESCAPE = new RegExp(ESCAPE, 'g');
const NUMERIC_ESCAPE = new RegExp(NUMERIC, 'g');
/**
 * True when `run` holds at least four numeric escapes and they make up half of it or more: a
 * text written in escapes, not HTML or JSON whose text is readable between a few of them (that
 * text is scanned as it stands already).
 */
function encodedShare(run: string): boolean {
  let count = 0;
  let length = 0;
  for (const m of run.matchAll(NUMERIC_ESCAPE)) {
    count++;
    length += m[0].length;
  }
  return count >= 4 && 2 * length >= run.length;
}
/** The named references a text says in words: the markup and quotes of HTML. */
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
/**
 * Words an attack almost always contains. Decoding every Caesar shift blindly would mean
 * rescanning every text 25 times; a prefilter of these words under every shift keeps it to texts
 * that carry one of them.
 */
const CUES = ['ignore', 'disregard', 'previous', 'instructions', 'instruction', 'system', 'prompt', 'jailbreak', 'forget', 'pretend', 'reveal', 'rules', 'password', 'passphrase'];
/** {@link CUES} under every shift 1–25, lower-cased, with their shift. */
const CAESAR_CUES = new Map(Array.from({ length: 25 }, (_, k) => CUES.map((w) => [caesar(w, k + 1), k + 1] as const)).flat());
/** ASCII words as long as the cues. */
const CUE_WORD = /\b[A-Za-z]{5,12}\b/g;

/** The shift that encoded the first cue word of `s`, or 0 when it has none. */
function caesarShift(s: string): number {
  for (const m of s.matchAll(CUE_WORD)) {
    const shift = CAESAR_CUES.get(m[0].toLowerCase());
    if (shift !== undefined) return shift;
  }
  return 0;
}

/**
 * Stems of cue words in the twelve languages, written backwards. Read backwards, a word's stem ends
 * it whatever its inflection (`erongi`, `zerongI`, `nereirongi`; `snoitcurtsni`, `senoiccurtsni`),
 * and no word of these languages ends so: one of them marks a line written backwards.
 */
const REVERSED_STEMS = [
  ...['ignor', 'disregard', 'instru', 'istru', 'previo', 'prompt', 'system', 'sistem', 'jailbr', 'passw', 'passphrase'],
  ...['forget', 'pretend', 'reveal', 'rules', 'contrase', 'olvid', 'oubli', 'précéd', 'preced', 'anterior', 'vergiss', 'vorher', 'anweis', 'vergeet'],
  ...['esqueç', 'dimentic', 'игнор', 'инстру', 'предыд', 'систем', 'تجاهل', 'تعليم'],
].map(reverse);
/**
 * The same for Chinese, Japanese and Korean cue words, anywhere in a run of letters (these scripts
 * write words without spaces, or particles after them). Only pairs that forwards text never holds:
 * not `令指` (命令指定) or `统系` (传统系列).
 */
const REVERSED_CJK = ['忽略', '无视', '無視', '提示词', '프롬프트', '시스템', '비밀번호', 'プロンプト', 'システム', 'パスワード'].map(reverse);
/**
 * Common words written backwards, none of them a word itself in these languages (`eht`, `uoy`;
 * not `dna`, `era`, `ton`, `sol`, `red`): two of them tell text written backwards, whatever
 * it says. English, Spanish, Portuguese, French, Italian, German, Turkish, Indonesian and Tagalog.
 */
const REVERSED_COMMON = [
  ...['the', 'you', 'your', 'this', 'that', 'with', 'for', 'have', 'will', 'can', 'what', 'from', 'they', 'there', 'about', 'when', 'which', 'would', 'should', 'make', 'like', 'must', 'write', 'say', 'tell', 'give', 'how', 'any', 'all'],
  ...['where', 'does', 'could', 'please', 'answer', 'user', 'show', 'print', 'output', 'every', 'secret'],
  ...['que', 'por', 'para', 'una', 'con', 'você', 'não', 'com', 'pour', 'vous', 'une', 'dans', 'est', 'avec', 'tout', 'votre', 'passe', 'che', 'sono', 'della', 'und', 'ist', 'nicht', 'ich', 'deine'],
  ...['são', 'için', 'ilk', 'olarak', 'şimdi', 'yang', 'untuk', 'dengan', 'tidak', 'anda', 'saya', 'semua', 'ang', 'mga', 'hindi', 'lahat', 'ikaw'],
].map(reverse);
/**
 * Signs that only text written backwards shows, in any script (two make a line backwards):
 * - a combining mark (the vowel signs of Indic and Thai scripts follow their letter);
 * - a letter that only ends words: Greek ς, Hebrew final forms, Arabic ة and ى, Cyrillic ь ъ ы,
 *   the Korean particles 는, 를 and 을 after a space;
 * - endings turned round: English `-ing` and `-tion` (`gnidulcni`, `noitamrofni`; not `noite`),
 *   Vietnamese `-ng` before a letter with a diacritic, `-nh`, `-ch` (`gnớưh`; not `gnupg`), and
 *   Vietnamese `kh-` at a word's end (`uẩhk`);
 * - a capital letter ending a word otherwise lower-case, between spaces or before sentence
 *   punctuation (`etirW`; not `PersonX`, `a.offsetX`, `[nodeB,` or base64);
 * - Spanish `¿` and `¡` after a letter, a question mark starting a word (`?námela`, `؟ينو`);
 * - Chinese, Japanese and Korean words that forwards text never holds: 么什 for 什么, 们我 for
 *   我们, 诉告 for 告诉, いさだく for ください, かすま for ますか, 요세하 for 하세요.
 */
const BACKWARDS_MARKS = [
  '(?:^|[\\s\\p{P}])[\\p{Mn}\\p{Mc}]',
  '(?:^|[^\\p{L}\\p{M}])(?:[ςךםןףץةىьъыЬЪЫ]|gni\\p{L}|gn[^\\x00-\\x7f]|noit[a-df-z])',
  '(?:^|\\s)\\p{Ll}{2,}\\p{Lu}(?:[\\s.,;:!?]|$)',
  '(?:^|\\s)(?:[는를을]|h[nc]\\p{L})|\\p{L}hk(?:[^\\p{L}\\p{M}]|$)|\\p{L}[¿¡]|(?:^|\\s)[?؟]\\p{L}',
  '么[什怎这那]|们[我你他她它]|诉告|いさだく|かすま|요세[하주]|오시십하|다니[합습]',
];
const WORD_END = '(?:[^\\p{L}\\p{M}]|$)';
const WORD_START = '(?:^|[^\\p{L}\\p{M}])';
const STEMS_SOURCE = `(?:${REVERSED_STEMS.join('|')})${WORD_END}|${REVERSED_CJK.join('|')}`;
const COMMON_SOURCE = `${WORD_START}(?:${REVERSED_COMMON.join('|')})${WORD_END}`;
const MARKS_SOURCE = BACKWARDS_MARKS.join('|');
/** Stems written backwards (two signs each), common words written backwards and backwards word starts (case matters there). */
const BACKWARDS_SIGNS: readonly [RegExp, number][] = [
  [new RegExp(STEMS_SOURCE, 'giu'), 2],
  [new RegExp(COMMON_SOURCE, 'giu'), 1],
  [new RegExp(MARKS_SOURCE, 'gu'), 1],
];
const LINE = /[^\n]+/g;
/** Signs counted at most when a reading is compared with the text it was read from. */
const SIGNS_COMPARED = 64;

/**
 * The signs of writing backwards in `s`, counted up to `max`: each stem written backwards counts
 * two, each common word written backwards and each backwards word start one.
 */
function backwardsSigns(s: string, max: number): number {
  let signs = 0;
  for (const [sign, weight] of BACKWARDS_SIGNS) {
    sign.lastIndex = 0;
    // A match may take the separator before its word: the next search starts on its last
    // character, which may be the next one's separator.
    for (let m = sign.exec(s); m !== null; m = sign.exec(s)) {
      if ((signs += weight) >= max) return signs;
      sign.lastIndex = Math.max(m.index + 1, sign.lastIndex - 1);
    }
  }
  return signs;
}

/** True when `s` holds a stem written backwards, or two backwards words or word starts. */
const hasReversedCue = (s: string): boolean => backwardsSigns(s, 2) >= 2;

/** A run of text around a Caesar cue: letters, digits, spaces and ordinary punctuation. */
const CAESAR_RUN = /[A-Za-z0-9 \t.,;:!?'"()-]+/g;

/** Eight-bit groups, optionally separated: `01001001 01100111 …` (at least six bytes). */
const BINARY = /(?:[01]{8}[ ,]?){6,}/g;
/**
 * Morse: dot-dash codes separated by spaces, words by `/`, `|` or wider spaces (at least eight
 * codes). Every code must be a known letter, digit or punctuation mark, or the run is dropped.
 */
const MORSE = /(?:[.\-]{1,7}(?:[ \t]*[/|][ \t]*|[ \t]+)){7,}[.\-]{1,7}/g;
const MORSE_CODES: Record<string, string> = {
  '.-': 'A', '-...': 'B', '-.-.': 'C', '-..': 'D', '.': 'E', '..-.': 'F', '--.': 'G', '....': 'H', '..': 'I',
  '.---': 'J', '-.-': 'K', '.-..': 'L', '--': 'M', '-.': 'N', '---': 'O', '.--.': 'P', '--.-': 'Q', '.-.': 'R',
  '...': 'S', '-': 'T', '..-': 'U', '...-': 'V', '.--': 'W', '-..-': 'X', '-.--': 'Y', '--..': 'Z',
  '-----': '0', '.----': '1', '..---': '2', '...--': '3', '....-': '4', '.....': '5', '-....': '6', '--...': '7',
  '---..': '8', '----.': '9', '.-.-.-': '.', '--..--': ',', '..--..': '?', '.----.': "'", '-.-.--': '!',
  '-..-.': '/', '---...': ':', '-.-.-.': ';', '-...-': '=', '.-.-.': '+', '-....-': '-', '.-..-.': '"', '.--.-.': '@',
};

/**
 * Native passes that tell which decoders can find anything in a text, so that ordinary text
 * skips their JavaScript searches (each a pass of about 10 ns a character here): each member
 * holds in every match of its decoder's search (sixteen base64 characters in a row, twelve hex
 * pairs, a percent escape, six bit groups, a Morse run, a character reference or `\u` escape, a
 * cue word under a Caesar shift, a sign of writing backwards). 2 KB of prose: 119 → 9 µs.
 * Two Sets, not one: in one automaton the runs counted in characters and the words multiply each
 * other's states, and it crawls on varied text (2 KB slices of the benign prompts, timed after an
 * engine scan as `detectInjection` runs it: 29 µs as one Set, 17.5 as two).
 */
const PREFILTERS = [
  ['[A-Za-z0-9+/_-]{16}', HEX.source.replace('{12,}', '{12}'), '%[0-9A-Fa-f]{2}', BINARY.source.replace('{6,}', '{6}'), MORSE.source, ESCAPE],
  [`(?i)\\b(?:${[...CAESAR_CUES.keys()].join('|')})\\b`, `(?i:${STEMS_SOURCE})|(?i:${COMMON_SOURCE})|${MARKS_SOURCE}`],
].map((sources) => new RE2.Set(sources, 'u'));
const [HAS_BASE64, HAS_HEX, HAS_URL, HAS_BINARY, HAS_MORSE, HAS_ESCAPES, HAS_CAESAR, HAS_REVERSED] = [0, 1, 2, 3, 4, 5, 6, 7];

/** The members of {@link PREFILTERS} that match in `text`, numbered across the Sets in turn. */
function prefilter(text: string): Set<number> {
  // One UTF-8 copy for both Sets: given a string, each would make its own.
  const buf = Buffer.from(text);
  const has = new Set<number>();
  let first = 0;
  for (const set of PREFILTERS) {
    for (const i of set.match(buf)) has.add(first + i);
    first += set.size;
  }
  return has;
}

/** The decoders that read each match of their search whole, in the order their segments are kept: prefilter member, search, kind, decoder. */
const SEARCHES: readonly [number, RegExp, EncodedSegment['kind'], (segment: string) => string | null][] = [
  [HAS_BASE64, BASE64, 'base64', decodeBase64],
  [HAS_HEX, HEX, 'hex', decodeHex],
  // Runs with fewer than four escapes are plain words and addresses.
  [HAS_URL, URL_RUN, 'url', (run) => ((run.match(URL_ESCAPE)?.length ?? 0) < 4 ? null : decodeUrl(run))],
  [HAS_ESCAPES, ESCAPE_RUN, 'escapes', (run) => (encodedShare(run) ? decodeEscapes(run) : null)],
  [HAS_BINARY, BINARY, 'binary', decodeBinary],
  [HAS_MORSE, MORSE, 'morse', decodeMorse],
];

/** Printable share a decoded payload needs to count as text, not binary. */
const MIN_PRINTABLE = 0.9;

/**
 * Segments of `text` that look encoded and decode to readable text: base64 (standard and
 * URL-safe), hex (plain, `\x`, `0x`, spaced), URL percent-encoding, HTML character references
 * and `\u` escapes, 8-bit binary groups,
 * Morse code, Caesar shifts (ROT13 among them) around a cue word, and text written backwards
 * (see {@link backwardsSigns}). Every candidate is found
 * by one linear pass; decoding stops once `budget` UTF-16 units of decoded text have been
 * produced.
 */
export function findEncoded(text: string, budget: number): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  let left = budget;
  const add = (kind: EncodedSegment['kind'], start: number, end: number, decoded: string | null, garbled = false): void => {
    if (decoded === null || left <= 0) return;
    const kept = decoded.slice(0, left);
    left -= kept.length;
    out.push(garbled ? { kind, start, end, decoded: kept, garbled } : { kind, start, end, decoded: kept });
  };
  const has = prefilter(text);
  for (const [member, search, kind, decode] of SEARCHES) {
    if (!has.has(member)) continue;
    for (const m of text.matchAll(search)) {
      if (left <= 0) break;
      add(kind, m.index, m.index + m[0].length, decode(m[0]));
    }
  }
  if (has.has(HAS_CAESAR) && caesarShift(text) !== 0) {
    for (const m of text.matchAll(CAESAR_RUN)) {
      if (left <= 0) break;
      const shift = caesarShift(m[0]);
      if (shift === 0) continue;
      // Shift k encoded the run: shifting by 26 - k decodes it.
      add(shift === 13 ? 'rot13' : 'caesar', m.index, m.index + m[0].length, caesar(m[0], 26 - shift));
    }
  }
  if (has.has(HAS_REVERSED) && hasReversedCue(text)) {
    // Written backwards whole (`snoitcurtsni suoiverp erongi`) or word by word
    // (`erongi suoiverp snoitcurtsni`): both readings are scanned, line by line (in any script, a
    // line read backwards is still one line), then the whole text when it has more than one line
    // (a request and the code it asks for, reversed together, read as one) when a line of it reads
    // backwards and the budget holds it.
    // A reading that shows more signs of writing backwards than the text it was read from is
    // forwards text turned round (a title-case trailer, a line of code): still read, but marked.
    const both = (start: number, end: number): void => {
      const s = text.slice(start, end);
      const signs = backwardsSigns(s, SIGNS_COMPARED);
      for (const reading of [reverse(s), s.replace(/[\p{L}\p{M}]+/gu, reverse)]) {
        add('reversed', start, end, reading, backwardsSigns(reading, signs + 1) > signs);
      }
    };
    let lines = 0;
    let backwards = 0;
    for (const m of text.matchAll(LINE)) {
      lines++;
      if (left > 0 && hasReversedCue(m[0])) {
        backwards++;
        both(m.index, m.index + m[0].length);
      }
    }
    if (backwards > 0 && lines > 1 && text.length <= left) both(0, text.length);
  }
  return out;
}

/** `s` backwards, by code points. */
function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** Base64 or base64url to text, or null when it is not mostly printable UTF-8. */
export function decodeBase64(segment: string): string | null {
  const body = segment.replace(/=+$/, '');
  // Pure letters are more often a long word or identifier than base64; real payloads mix in digits or case changes.
  if (/^[a-z]+$/.test(body) || /^[A-Z]+$/.test(body) || body.length % 4 === 1) return null;
  return printable(Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
}

/** Hex (optionally `\x`/`0x`-prefixed or separated) to text, or null when it is not printable. */
export function decodeHex(segment: string): string | null {
  const digits = segment.replace(/\\x|0x|[ ,:]/g, '');
  if (digits.length % 2 !== 0) return null;
  return printable(Buffer.from(digits, 'hex').toString('utf8'));
}

/** Percent-decoding, or null when the segment is malformed or decodes to binary. */
export function decodeUrl(segment: string): string | null {
  try {
    return printable(decodeURIComponent(segment.replace(/\+/g, ' ')));
  } catch {
    return null;
  }
}

/**
 * HTML character references and `\u` escapes replaced by their characters (unknown names and
 * code points out of range left as they are), or null when the result is not printable.
 */
export function decodeEscapes(run: string): string | null {
  const decoded = run.replace(ONE_ESCAPE, (e) => {
    if (e[0] === '&' && e[1] !== '#') return NAMED[e.slice(1, -1)] ?? e;
    // `\uXXXX` is one UTF-16 unit (JSON writes an emoji as two); the others are code points.
    if (e[1] === 'u' && e[2] !== '{') return String.fromCharCode(parseInt(e.slice(2), 16));
    const hex = e[0] === '\\' || e[2] === 'x' || e[2] === 'X';
    const cp = parseInt(e.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
    return cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? e : String.fromCodePoint(cp);
  });
  return printable(decoded);
}

/** Eight-bit groups to UTF-8 text, or null when it is not printable. */
export function decodeBinary(segment: string): string | null {
  const bits = segment.replace(/[ ,]/g, '');
  const bytes = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  return printable(Buffer.from(bytes).toString('utf8'));
}

/** International Morse to upper-case text, or null when a code is unknown or the text has no dots and dashes mixed. */
export function decodeMorse(segment: string): string | null {
  if (!segment.includes('.') || !segment.includes('-')) return null;
  const words = segment.trim().split(/[ \t]*[/|][ \t]*|[ \t]{3,}/);
  const out: string[] = [];
  for (const word of words) {
    let letters = '';
    for (const code of word.trim().split(/[ \t]+/)) {
      const ch = MORSE_CODES[code];
      if (ch === undefined) return null;
      letters += ch;
    }
    out.push(letters);
  }
  return printable(out.join(' '));
}

/** ROT13 of ASCII letters; everything else unchanged. */
export function rot13(s: string): string {
  return caesar(s, 13);
}

/** ASCII letters shifted `shift` places along the alphabet (0–25); everything else unchanged. */
export function caesar(s: string, shift: number): string {
  return s.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + shift) % 26) + base);
  });
}

/** `s` when at least {@link MIN_PRINTABLE} of it is printable text with some letters, else null. */
function printable(s: string): string | null {
  if (s.length < 6) return null;
  let ok = 0;
  let letters = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd) continue;
    if (cp >= 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09) ok++;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp > 0x7f) letters++;
  }
  return ok >= MIN_PRINTABLE * s.length && letters >= s.length / 3 ? s : null;
}
