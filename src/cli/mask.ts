import type { Finding } from '../engine/finding.js';

const SENSITIVE = new Set(['secret', 'pii', 'canary']);

/**
 * The matched text as the CLI may show it: secrets, PII and any finding with an entity (custom
 * rules name one for the data they protect) keep at most their first four and last two
 * characters (so a reader can tell which key it was) and nothing at all when short.
 */
export function maskedSnippet(f: Pick<Finding, 'category' | 'entity'>, text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (!SENSITIVE.has(f.category) && f.entity === undefined) return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
  if (flat.length < 12) return '*'.repeat(flat.length);
  return `${flat.slice(0, 4)}…${flat.slice(-2)} (${flat.length} chars)`;
}
