import type { InputVerdict } from '../../guard/guard.js';
import type { Reservation } from '../../ratelimit/limiter.js';

/** What the server adapters put on the request: the guard's verdict and the limits applied. */
export interface PromptwardState<R = unknown> {
  /** The input verdict: findings, action, `request` (sanitized), `scope`, `format`. */
  verdict: InputVerdict<R>;
  /** The scope to pass to `guard.checkOutput` / `guard.outputStream` so pseudonyms come back. */
  scope: string;
  /** `RateLimit` / `RateLimit-Policy` headers already set on the answer. */
  headers: Record<string, string>;
  /**
   * The token reservation, with `tokenLimiter`: settle it with the answer's usage
   * (`reservation.settle(openAIChatUsageTokens(reply.usage))`), or it stays at the estimate.
   */
  reservation?: Reservation;
}
