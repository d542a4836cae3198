import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled row of the dev data (see shared/eval/SOURCES.md). */
export interface EvalRow {
  text: string;
  label: 0 | 1;
  source: string;
  kind: string;
  dataset: string;
  category?: string;
  lang?: string;
  spans?: { start: number; end: number; type: string; value: string }[];
}

/** The rows of `dir/name`, or null (with a message) when the file is absent. */
export function readJsonl(dir: string, name: string): EvalRow[] | null {
  const path = join(dir, name);
  if (!existsSync(path)) {
    console.log(`${name}: not found in ${dir}, skipped`);
    return null;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalRow);
}

/** `n / d` as a percentage with one decimal, or `–` when `d` is 0. */
export function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`;
}

/**
 * FNV-1a of `text`: a key that hangs on the text alone, not on its place in a file (the eval's
 * held-out split, the word model's training orders).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
