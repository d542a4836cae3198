import type { z } from 'zod';
import type { PromptwardIssue } from '../errors.js';

type ZodIssue = z.core.$ZodIssue;

/** True when an issue says the value at the union's own root has the wrong type. */
const isRootTypeMismatch = (issue: ZodIssue): boolean => issue.code === 'invalid_type' && issue.path.length === 0;

/**
 * Turns zod issues into promptward issues with paths from the request's root.
 *
 * A union like `string | Part[]` fails with one issue per branch. The branches whose only
 * complaint is the root type are not the ones the caller meant, so the issues of the branch
 * that got past the root are reported instead; when none did, one issue names every type
 * the union takes.
 */
export function toIssues(issues: readonly ZodIssue[], prefix: readonly PropertyKey[] = []): PromptwardIssue[] {
  const out: PromptwardIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const meant = issue.errors.filter((branch) => !branch.every(isRootTypeMismatch));
      if (meant.length === 1) {
        out.push(...toIssues(meant[0]!, path));
        continue;
      }
      if (meant.length === 0) {
        const expected = issue.errors.flatMap((branch) => branch.map((i) => (i.code === 'invalid_type' ? i.expected : '')));
        out.push({ path: toPath(path), message: `expected ${[...new Set(expected)].filter(Boolean).join(' or ')}` });
        continue;
      }
    }
    out.push({ path: toPath(path), message: issue.message });
  }
  return out;
}

// Symbols never occur in JSON paths; they are printed rather than dropped so a path stays exact.
const toPath = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((key) => (typeof key === 'symbol' ? key.toString() : key));
