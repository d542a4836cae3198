import type OpenAI from 'openai';
import { guardedFetch, type GuardedFetchOptions } from '../fetch/index.js';
import { clientFetch } from '../shared/client-fetch.js';

export type { LimitOptions } from '../shared/admission.js';

/** Options of {@link guardOpenAI}: those of `guardedFetch`, whose `fetch` defaults to the client's. */
export type GuardOpenAIOptions = GuardedFetchOptions;

/**
 * A copy of an OpenAI client (`client.withOptions`) whose requests go through
 * {@link guardedFetch}: `chat.completions.create` and `responses.create`, streaming or not,
 * with every helper built on them (`.stream()`, `.parse()`, `.withResponse()`), keep their
 * types. The client passed in is not changed, and nothing global is.
 *
 * Refusals surface as the SDK's own errors, never retried: a blocked prompt is an
 * `OpenAI.BadRequestError` (status 400, `code` `PW_BLOCKED`), a rate limit an
 * `OpenAI.RateLimitError` (429, `headers` with `retry-after`, `ratelimit`,
 * `ratelimit-policy`), a blocked answer an `OpenAI.PermissionDeniedError` (403), and a
 * stream the guard cuts throws an `OpenAI.APIError` with `code` `PW_BLOCKED` from its
 * iterator (Chat Completions) or yields an `error` event (Responses, as the API does).
 *
 * @example
 * const openai = guardOpenAI(new OpenAI(), { guard: createGuard(), tokenLimiter, key: () => userId });
 * const stream = await openai.chat.completions.create({ model: 'gpt-4.1', messages, stream: true });
 * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 */
export function guardOpenAI<C extends OpenAI>(client: C, options: GuardOpenAIOptions): C {
  const inner = options.fetch ?? clientFetch(client);
  return client.withOptions({ fetch: guardedFetch({ ...options, ...(inner === undefined ? {} : { fetch: inner }) }) });
}
