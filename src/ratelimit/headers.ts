import type { Decision } from './limiter.js';

const seconds = (ms: number): number => Math.ceil(ms / 1000);

/**
 * The HTTP headers of a decision, lower-case: `ratelimit-policy` and `ratelimit` as in
 * draft-ietf-httpapi-ratelimit-headers (09 and later), one list member per policy, and
 * `retry-after` (seconds) when the call is refused.
 *
 * @example
 * rateLimitHeaders(decision);
 * // { 'ratelimit-policy': '"default";q=100;w=60', ratelimit: '"default";r=50;t=30' }
 * res.set(rateLimitHeaders(decision)); // Express; reply.headers(…) in Fastify
 */
export function rateLimitHeaders(decision: Decision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': decision.policies.map((p) => `"${p.name}";q=${p.limit};w=${seconds(p.windowMs)}`).join(', '),
    ratelimit: decision.policies.map((p) => `"${p.name}";r=${p.remaining};t=${seconds(p.resetMs)}`).join(', '),
  };
  if (!decision.allowed) headers['retry-after'] = String(seconds(decision.retryAfterMs));
  return headers;
}
