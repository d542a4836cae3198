/** Shannon entropy of `value` in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...value].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** `entropy:N`: the value carries at least N bits of Shannon entropy per character (default 3). */
export function entropy(value: string, arg: string | undefined): boolean {
  const min = arg === undefined ? 3 : Number(arg);
  return shannonEntropy(value) >= min;
}
