import { RateLimitError } from '../errors.js';
import { rateLimitHeaders } from './headers.js';
import type { Decision } from './limiter.js';

/**
 * The error for a refused decision: code `PW_RATE_LIMITED`, `statusCode` 429, and the
 * `RateLimit`, `RateLimit-Policy` and `Retry-After` headers, which the default error handlers
 * of Express 5 and Fastify 5 send as they are.
 *
 * @example
 * app.get('/chat', async (req) => {
 *   const decision = await limiter.consume(req.ip);
 *   if (!decision.allowed) throw rateLimitError(decision);
 * });
 */
export function rateLimitError(decision: Decision): RateLimitError {
  const binding = decision.policies.find((p) => !p.allowed && p.retryAfterMs === decision.retryAfterMs) ?? decision.policies[0];
  const seconds = Math.ceil(decision.retryAfterMs / 1000);
  return new RateLimitError(
    `rate limit "${binding?.name ?? 'default'}" exceeded; retry in ${seconds} s`,
    decision.retryAfterMs,
    rateLimitHeaders(decision),
  );
}
