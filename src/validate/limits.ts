import { z } from 'zod';
import { PromptwardError, type PromptwardIssue } from '../errors.js';
import { codeUnitName, findControlCharacter, findLoneSurrogate } from './characters.js';
import type { SegmentCollector } from './collector.js';
import type { RequestPath } from './segment.js';
import { estimateTokens } from './tokens.js';

/**
 * Limits a request must stay within. Sizes count UTF-16 code units of the texts a model
 * reads (the segments), not bytes of the JSON body; `Infinity` or `null` (for JSON configs)
 * turns a size limit off.
 */
export interface ValidationLimits {
  /** Most entries in the message list (`messages`, `input` items, AI SDK messages). Default 1,000. */
  maxMessages?: number | null | undefined;
  /** Most characters of text in one message, all its parts together; a top-level `system` or `instructions` counts as one message. Default 200,000. */
  maxMessageChars?: number | null | undefined;
  /** Most characters of text in the whole request. Default 1,000,000. */
  maxTotalChars?: number | null | undefined;
  /** Most tokens in the whole request, by {@link estimateTokens}. Default 300,000. */
  maxEstimatedTokens?: number | null | undefined;
  /** C0 control characters other than tab, LF and CR (NUL included): `'reject'` (default) or `'allow'`. */
  controlCharacters?: 'reject' | 'allow' | undefined;
  /** Unpaired UTF-16 surrogates: `'reject'` (default) or `'allow'`. */
  loneSurrogates?: 'reject' | 'allow' | undefined;
}

/** Limits with every field filled in and no `null`. */
export type ResolvedLimits = { [K in keyof ValidationLimits]-?: Exclude<ValidationLimits[K], null | undefined> };

/** The limits used where none are given. */
export const DEFAULT_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  maxMessages: 1_000,
  maxMessageChars: 200_000,
  maxTotalChars: 1_000_000,
  maxEstimatedTokens: 300_000,
  controlCharacters: 'reject',
  loneSurrogates: 'reject',
});

// zod's number() refuses Infinity, which is how a size limit is turned off; JSON has no
// Infinity, so null means the same.
const Size = z.union([
  z.custom<number>((value) => typeof value === 'number' && value >= 0, 'expected a number ≥ 0 (Infinity or null for no limit)'),
  z.null().transform(() => Number.POSITIVE_INFINITY),
]);

/** The schema of {@link ValidationLimits}; the guard's config embeds it. */
export const ValidationLimitsSchema = z.strictObject({
  maxMessages: Size.optional(),
  maxMessageChars: Size.optional(),
  maxTotalChars: Size.optional(),
  maxEstimatedTokens: Size.optional(),
  controlCharacters: z.enum(['reject', 'allow']).optional(),
  loneSurrogates: z.enum(['reject', 'allow']).optional(),
});

/** Fills in defaults; a malformed limits object is the caller's bug, reported as `PW_CONFIG`. */
export function resolveLimits(limits: ValidationLimits | undefined): ResolvedLimits {
  const parsed = ValidationLimitsSchema.safeParse(limits ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['limits', ...issue.path.map(String)], message: issue.message }));
    throw new PromptwardError('PW_CONFIG', `invalid validation limits: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { issues });
  }
  const given = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_LIMITS, ...given };
}

/** Issues found by {@link checkLimits}: bad characters make the input invalid, sizes make it too large. */
export interface LimitIssues {
  invalid: PromptwardIssue[];
  tooLarge: PromptwardIssue[];
}

/** Checks the collected segments of one request against the limits. */
export function checkLimits(collected: SegmentCollector, limits: ResolvedLimits): LimitIssues {
  const invalid: PromptwardIssue[] = [];
  const tooLarge: PromptwardIssue[] = [];
  const { segments, messageList, messageCount } = collected;

  if (messageCount > limits.maxMessages) {
    tooLarge.push({ path: messageList, message: `${messageCount} messages, more than the limit of ${limits.maxMessages}` });
  }

  const perMessage = new Map<string, { path: RequestPath; chars: number }>();
  let total = 0;
  let tokens = 0;
  for (const segment of segments) {
    const { text, path } = segment;
    total += text.length;
    tokens += estimateTokens(text);
    const messagePath = segment.messageIndex === null ? path.slice(0, 1) : [...messageList, segment.messageIndex];
    const key = JSON.stringify(messagePath);
    const entry = perMessage.get(key) ?? { path: messagePath, chars: 0 };
    entry.chars += text.length;
    perMessage.set(key, entry);

    if (limits.controlCharacters === 'reject') {
      const hit = findControlCharacter(text);
      if (hit) invalid.push({ path, message: `control character ${codeUnitName(hit.char)} at index ${hit.index}${more(hit.count)}` });
    }
    if (limits.loneSurrogates === 'reject') {
      const hit = findLoneSurrogate(text);
      if (hit) invalid.push({ path, message: `lone surrogate ${codeUnitName(hit.char)} at index ${hit.index}${more(hit.count)}` });
    }
  }

  for (const { path, chars } of perMessage.values()) {
    if (chars > limits.maxMessageChars) {
      tooLarge.push({ path, message: `${chars} characters in one message, more than the limit of ${limits.maxMessageChars}` });
    }
  }
  if (total > limits.maxTotalChars) {
    tooLarge.push({ path: [], message: `${total} characters in all, more than the limit of ${limits.maxTotalChars}` });
  }
  if (tokens > limits.maxEstimatedTokens) {
    tooLarge.push({ path: [], message: `about ${tokens} tokens, more than the limit of ${limits.maxEstimatedTokens}` });
  }
  return { invalid, tooLarge };
}

const more = (count: number): string => (count > 1 ? ` (${count} in this text)` : '');
