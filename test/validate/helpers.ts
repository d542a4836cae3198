import { expect } from 'vitest';
import { isPromptwardError, type PromptwardError } from '../../src/errors.js';

/** Runs `fn`, expects a PromptwardError, and returns it. */
export function catchError(fn: () => unknown): PromptwardError {
  try {
    fn();
  } catch (error) {
    expect(isPromptwardError(error)).toBe(true);
    return error as PromptwardError;
  }
  throw new Error('expected a PromptwardError, nothing was thrown');
}

/** A segment without `messageIndex`, which the paths already show. */
export const withoutIndex = (s: { role: string; source: string; path: (string | number)[]; text: string; trusted: boolean }) => ({
  role: s.role,
  source: s.source,
  path: s.path,
  text: s.text,
  trusted: s.trusted,
});
