/**
 * A small seeded generator (mulberry32). Obfuscators draw a 32-bit seed from fast-check and
 * make their many per-character choices from it, so one arbitrary value stays one number
 * (cheap to generate and to replay from a failing seed) however long the text is.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
