import type Anthropic from '@anthropic-ai/sdk';
import { guardedFetch, type GuardedFetchOptions } from '../fetch/index.js';
import { clientFetch } from '../shared/client-fetch.js';

export type { LimitOptions } from '../shared/admission.js';

/** Options of {@link guardAnthropic}: those of `guardedFetch`, whose `fetch` defaults to the client's. */
export type GuardAnthropicOptions = GuardedFetchOptions;

/**
 * A copy of an Anthropic client (`client.withOptions`) whose requests go through
 * {@link guardedFetch}: `messages.create`, streaming or not, and the helpers built on it
 * (`messages.stream()`, `.withResponse()`) keep their types. The client passed in is not
 * changed, and nothing global is.
 *
 * Refusals surface as the SDK's own errors, never retried: a blocked prompt is an
 * `Anthropic.BadRequestError` (status 400; `error.error.code` is `PW_BLOCKED`), a rate limit
 * an `Anthropic.RateLimitError` (429 with `retry-after`, `ratelimit`, `ratelimit-policy`), a
 * blocked answer an `Anthropic.PermissionDeniedError` (403), and a stream the guard cuts
 * throws an `Anthropic.APIError` from its iterator (the API's `error` event).
 *
 * @example
 * const anthropic = guardAnthropic(new Anthropic(), { guard: createGuard() });
 * const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, messages });
 */
export function guardAnthropic<C extends Anthropic>(client: C, options: GuardAnthropicOptions): C {
  const inner = options.fetch ?? clientFetch(client);
  return client.withOptions({ fetch: guardedFetch({ ...options, ...(inner === undefined ? {} : { fetch: inner }) }) });
}
