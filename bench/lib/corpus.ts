/**
 * Deterministic benchmark texts. Pools of different texts per size, so that no scan sees
 * the same text twice in a row (scanning one text over and over flatters any engine).
 */
import { seeded } from '../../src/testing/random.js';


const WORDS = (
  'the of and to in is for that with as on by this be are from at or an it not which have has was ' +
  'you your we our can will data model system user request answer report meeting budget project team ' +
  'please send review update schedule customer order invoice payment account service server release ' +
  'version feature issue ticket support email phone address office week month year today tomorrow ' +
  'summary draft document file folder table chart value number result analysis quarter revenue growth ' +
  'travel hotel flight booking recipe chicken garden weather music history science student teacher ' +
  'question explain write translate summarize compare improve check list plan idea story letter poem ' +
  'code function error test build deploy database query index cache memory network api key token ' +
  'system prompt assistant role mode developer character'
).split(' ');

/** Prose-like text of about `size` characters: words, punctuation, the odd number and address. */
export function prose(size: number, rand: () => number): string {
  const out: string[] = [];
  let n = 0;
  let sentence = 0;
  while (n < size) {
    let w = WORDS[Math.floor(rand() * WORDS.length)]!;
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    const r = rand();
    if (r < 0.01) w = String(Math.floor(rand() * 100000));
    else if (r < 0.012) w = `${w}@example.com`;
    sentence++;
    const end = sentence > 6 && rand() < 0.15;
    const piece = end ? `${w}.${rand() < 0.2 ? '\n' : ' '}` : `${w} `;
    if (end) sentence = 0;
    out.push(piece);
    n += piece.length;
  }
  return out.join('').slice(0, size);
}

function fromAlphabet(alphabet: string, size: number, rand: () => number): string {
  let s = '';
  for (let i = 0; i < size; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** Random base64 characters with a line break every 76, like an encoded attachment. */
export function base64(size: number, rand: () => number): string {
  const body = fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', size, rand);
  return body.replace(/(.{76})/g, '$1\n').slice(0, size);
}

/** Random lowercase hex, in lines of 64. */
export function hex(size: number, rand: () => number): string {
  return fromAlphabet('0123456789abcdef', size, rand).replace(/(.{64})/g, '$1\n').slice(0, size);
}

/** Digit groups like card, phone and account numbers in a table. */
export function digits(size: number, rand: () => number): string {
  const out: string[] = [];
  let n = 0;
  while (n < size) {
    const g = `${fromAlphabet('0123456789', 4, rand)}${rand() < 0.5 ? ' ' : '-'}${fromAlphabet('0123456789', 3 + Math.floor(rand() * 3), rand)}${rand() < 0.1 ? '\n' : ' '}`;
    out.push(g);
    n += g.length;
  }
  return out.join('').slice(0, size);
}

/** PEM-looking blocks (random bodies, not keys) separated by prose. */
export function pem(size: number, rand: () => number): string {
  const out: string[] = [];
  let n = 0;
  while (n < size) {
    const block = `-----BEGIN CERTIFICATE-----\n${base64(900, rand)}\n-----END CERTIFICATE-----\n${prose(200, rand)}\n`;
    out.push(block);
    n += block.length;
  }
  return out.join('').slice(0, size);
}

/** `count` different texts of `size` characters from `make`. */
export function pool(make: (size: number, rand: () => number) => string, size: number, count: number, seed: number): string[] {
  const rand = seeded(seed); // every run scans the same texts
  return Array.from({ length: count }, () => make(size, rand));
}
