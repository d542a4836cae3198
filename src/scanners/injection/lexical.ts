import type { Finding } from '../../engine/finding.js';
import { PatternError } from '../../errors.js';
import { truncate } from './evidence.js';

/**
 * A linear model over hashed word unigrams, bigrams and stems, trained on this project's own texts
 * (`npm run train`): the probes' dev halves, the packs' examples and `patterns/models/train.jsonl`.
 * It reads a text the way a bag of words does, so it scores the persuasion, role-play and
 * instruction-heavy wording that no single phrase of the packs covers. It is one more finding
 * in the noisy-OR, never a verdict alone below {@link FLAG_PROBABILITY}.
 */
export interface LexicalModel {
  bias: number;
  /** Each weight is its byte (a signed 8-bit integer) times this. */
  scale: number;
  /** The 32-bit hashes of the features the model kept, little-endian, in base64. */
  features: string;
  /** The weight of each feature, one signed byte each, in base64. */
  weights: string;
}

/** The rule id of the model's finding (`packs.disable` in the guard turns the model off by it). */
export const LEXICAL_MODEL_ID = 'heuristic/lexical-model';
/** The model reads at most this many characters from the start and from the end of a text. */
export const MODEL_HEAD = 4096;
export const MODEL_TAIL = 4096;
/**
 * Texts of fewer tokens get no finding: a few words are too little for a bag of words ("hello"
 * opens many role-play jailbreaks), and short attacks are the rules' ground.
 */
export const MIN_TOKENS = 16;
/** Below this probability the model reports nothing. */
export const REPORT_PROBABILITY = 0.75;
/** At this probability the model's finding alone reaches the default threshold (0.5). */
export const FLAG_PROBABILITY = 0.93;

/** Character kinds: 0 separates words, 1 is part of a word, 2 is a token alone (scripts written without spaces). */
let kindTable: Uint8Array | undefined;

function kinds(): Uint8Array {
  if (kindTable !== undefined) return kindTable;
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}\p{N}]/u;
  const unspaced = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
  for (let c = 0; c < 0x10000; c++) {
    // A surrogate half belongs to the word it is in: astral letters, emoji and lone halves alike.
    if (c >= 0xd800 && c < 0xe000) table[c] = 1;
    else {
      const ch = String.fromCharCode(c);
      table[c] = word.test(ch) ? (unspaced.test(ch) ? 2 : 1) : 0;
    }
  }
  return (kindTable = table);
}

/**
 * A text's summed weights are divided by its feature count to this power: between the mean
 * (1, which dilutes a short attack inside a long text) and the square root (0.5, under which a
 * long document's many common words add up to a high score).
 */
const LENGTH_POWER = 0.75;
const FNV_OFFSET = 0x811c9dc5 | 0;
/**
 * A word of at least {@link STEM_MIN} characters is also read by its first {@link STEM_LENGTH}
 * characters: a crude stem that lets the inflections of one word weigh together (`instructions`,
 * `instrucciones`, `instrukcí`; `ignoriere`, `ignorieren`) where the training texts hold only
 * some of them. Chosen on the probes' held-out halves (4/6, 5/7 and 6/8 tried; bench/RESULTS.md).
 */
const STEM_LENGTH = 5;
const STEM_MIN = 7;
const FNV_PRIME = 0x01000193;
const START = 0x2545f491;

/** The text the model reads: head and tail of a long text, lower-cased. */
function modelText(text: string): string {
  const t = text.length > MODEL_HEAD + MODEL_TAIL ? `${text.slice(0, MODEL_HEAD)} ${text.slice(-MODEL_TAIL)}` : text;
  return t.toLowerCase();
}

/**
 * Walks the tokens of `text` (lower-cased words of two characters or more, not all digits; single
 * characters in Chinese, Japanese and Thai-like scripts) and calls `emit` with the 32-bit hash of each unigram, of its bigram
 * with the token before and of its stem (0 when it has none), and the token's span in the lower-cased text.
 */
function walk(text: string, emit: (unigram: number, bigram: number, stem: number, start: number, end: number) => void): void {
  const kind = kinds();
  let prev = START;
  let h = FNV_OFFSET;
  let stem = 0;
  let start = -1;
  let digits = true;
  const token = (hash: number, stemHash: number, s: number, e: number): void => {
    let u = Math.imul(hash ^ 0x5bd1e995, 0x85ebca6b);
    u ^= u >>> 15;
    let v = Math.imul(prev ^ Math.imul(hash, 0x27d4eb2f), 0xc2b2ae35);
    v ^= v >>> 13;
    v = Math.imul(v, 0x165667b1);
    v ^= v >>> 16;
    let t = 0;
    if (stemHash !== 0) {
      t = Math.imul(stemHash ^ 0x3c6ef372, 0x9e3779b1);
      t ^= t >>> 16;
    }
    emit(u >>> 0, v >>> 0, t >>> 0, s, e);
    prev = hash;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c]!;
    if (k === 1) {
      if (start < 0) start = i;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (i - start + 1 === STEM_LENGTH) stem = h;
      digits &&= c >= 0x30 && c <= 0x39;
      continue;
    }
    if (start >= 0) word(i);
    if (k === 2) token(Math.imul(FNV_OFFSET ^ c, FNV_PRIME), 0, i, i + 1);
  }
  if (start >= 0) word(text.length);

  // A word of one letter or of digits alone is no token: variables, formulas and numbers say
  // nothing of intent, and code and data are made of them.
  function word(end: number): void {
    if (end - start > 1 && !digits) token(h, end - start >= STEM_MIN ? stem : 0, start, end);
    h = FNV_OFFSET;
    stem = 0;
    start = -1;
    digits = true;
  }
}

/**
 * Distinct features of one text: an open-addressing set whose slots belong to the current text
 * when stamped with its generation, so it is never cleared. A text of `MODEL_HEAD + MODEL_TAIL`
 * characters has at most that many tokens, two features each and a stem for at most one in seven:
 * the table keeps about twice that free.
 */
const SEEN_SIZE = 1 << 15;
const seenKeys = new Uint32Array(SEEN_SIZE);
const seenStamps = new Uint32Array(SEEN_SIZE);
let stamp = 0;

/** True the first time `key` is seen in the current text. */
function firstSeen(key: number): boolean {
  let slot = key & (SEEN_SIZE - 1);
  while (seenStamps[slot] === stamp) {
    if (seenKeys[slot] === key) return false;
    slot = (slot + 1) & (SEEN_SIZE - 1);
  }
  seenStamps[slot] = stamp;
  seenKeys[slot] = key;
  return true;
}

/** Calls `each` once per distinct feature of `text` and returns the number of tokens read. */
function distinct(text: string, each: (feature: number) => void): number {
  stamp = (stamp + 1) >>> 0 || 1;
  let tokens = 0;
  walk(modelText(text), (u, b, t) => {
    if (firstSeen(u)) each(u);
    if (firstSeen(b)) each(b);
    if (t !== 0 && firstSeen(t)) each(t);
    tokens++;
  });
  return tokens;
}

/** The distinct feature hashes of `text`: each unigram, bigram and stem once (training uses these). */
export function lexicalFeatures(text: string): Uint32Array {
  const out: number[] = [];
  distinct(text, (f) => out.push(f));
  return Uint32Array.from(out);
}

/**
 * A model ready to score: its features in an open-addressing table (a hash key per slot, 0 for
 * empty; a feature hashed to 0 is never kept), so a word the model never saw weighs nothing.
 */
export interface LoadedModel {
  bias: number;
  keys: Uint32Array;
  values: Float32Array;
  mask: number;
}

export function loadModel(model: LexicalModel): LoadedModel {
  const hashes = Buffer.from(model.features, 'base64');
  const bytes = Buffer.from(model.weights, 'base64');
  const count = bytes.length;
  if (hashes.length !== 4 * count) throw new PatternError('model', undefined, `${hashes.length / 4} feature hashes for ${count} weights`);
  let size = 1;
  while (size < 2 * count) size <<= 1;
  const keys = new Uint32Array(size);
  const values = new Float32Array(size);
  const mask = size - 1;
  for (let i = 0; i < count; i++) {
    const key = hashes.readUInt32LE(4 * i);
    let slot = key & mask;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = key;
    values[slot] = bytes.readInt8(i) * model.scale;
  }
  return { bias: model.bias, keys, values, mask };
}

/** The weight of feature `key` (0 when the model does not have it). */
function weight(model: LoadedModel, key: number): number {
  const { keys, mask } = model;
  for (let slot = key & mask; ; slot = (slot + 1) & mask) {
    const k = keys[slot]!;
    if (k === key) return model.values[slot]!;
    if (k === 0) return 0;
  }
}

/** The logit of a text from the sum of its features' weights and their count (see {@link LENGTH_POWER}). */
export function logit(sum: number, count: number, bias: number): number {
  return bias + (count === 0 ? 0 : sum / count ** LENGTH_POWER);
}

/** The model's reading of `text`: its probability of an injection or jailbreak, and how many tokens it read. */
export function lexicalRead(text: string, model: LoadedModel): { p: number; tokens: number } {
  let z = 0;
  let n = 0;
  const tokens = distinct(text, (f) => {
    z += weight(model, f);
    n++;
  });
  return { p: 1 / (1 + Math.exp(-logit(z, n, model.bias))), tokens };
}

/**
 * The score of the model's finding at probability `p`: 0 below {@link REPORT_PROBABILITY},
 * rising linearly to 0.5 (the default threshold) at {@link FLAG_PROBABILITY}, and at most 0.65
 * (an unambiguous rule weighs more). Between the two probabilities it flags only beside a rule cue.
 */
export function lexicalScore(p: number): number {
  if (!(p >= REPORT_PROBABILITY)) return 0;
  return Math.min(0.65, (0.5 * (p - REPORT_PROBABILITY)) / (FLAG_PROBABILITY - REPORT_PROBABILITY));
}

/**
 * The model's finding on `text` (`view` is the text read: the fold view of the original, whose
 * span the finding covers whole), or null below {@link REPORT_PROBABILITY}. The evidence names
 * the words that weighed most.
 */
export function lexicalFinding(original: string, view: string, model: LoadedModel): Finding | null {
  const { p, tokens } = lexicalRead(view, model);
  const score = tokens < MIN_TOKENS ? 0 : lexicalScore(p);
  if (score === 0) return null;
  return {
    ruleId: LEXICAL_MODEL_ID,
    category: 'injection',
    severity: 'medium',
    score,
    start: 0,
    end: original.length,
    view: 'raw',
    evidence: `word model p=${p.toFixed(3)}; weighing most: ${topWords(view, model).join(', ')}`,
  };
}

/** The (at most five) distinct unigrams and bigrams of `text` with the largest positive weights. */
function topWords(text: string, model: LoadedModel): string[] {
  const t = modelText(text);
  const seen = new Map<string, number>();
  let prevStart = -1;
  walk(t, (u, b, _stem, s, e) => {
    seen.set(t.slice(s, e), weight(model, u));
    if (prevStart >= 0) seen.set(t.slice(prevStart, e), weight(model, b));
    prevStart = s;
  });
  return [...seen]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k]) => truncate(JSON.stringify(k)));
}
