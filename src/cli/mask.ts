import type { Finding } from '../engine/finding.js';

const SENSITIVE = new Set(['secret', 'pii', 'canary']);

/**
 * The matched text as the CLI may show it: secrets and PII keep at most their first four and
 * last two characters (so a reader can tell which key it was) and nothing at all when short.
 */
export function maskedSnippet(f: Pick<Finding, 'category'>, text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (!SENSITIVE.has(f.category)) return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
  if (flat.length < 12) return '*'.repeat(flat.length);
  return `${flat.slice(0, 4)}…${flat.slice(-2)} (${flat.length} chars)`;
}
