import type { Guard, InputVerdict } from '../../guard/guard.js';
import { rateLimitError } from '../../ratelimit/rate-limit-error.js';
import { rateLimitHeaders } from '../../ratelimit/headers.js';
import type { Decision, LimitKey, Limiter, Reservation } from '../../ratelimit/limiter.js';
import type { RequestFormat } from '../../validate/format.js';
import { estimateTokens } from '../../validate/tokens.js';
import { validateRequest } from '../../validate/validate.js';

/** The rate limits an adapter applies, with the guard. Shared by every adapter. */
export interface LimitOptions {
  /** Counts requests: every guarded call consumes 1 under its key. */
  limiter?: Limiter;
  /**
   * Counts LLM tokens: every call reserves an estimate under its key, settled with the usage
   * the API reports (refunded or topped up). Name its limits apart from `limiter`'s, since
   * both appear in the same `RateLimit` headers.
   */
  tokenLimiter?: Limiter;
  /**
   * The tokens to reserve on `tokenLimiter` for a (sanitized) request. Default
   * {@link defaultEstimate}: its texts by `estimateTokens`, plus the output tokens it allows.
   */
  estimate?: (request: unknown, format: RequestFormat) => number;
}

const UNLIMITED = {
  maxMessages: Number.POSITIVE_INFINITY,
  maxMessageChars: Number.POSITIVE_INFINITY,
  maxTotalChars: Number.POSITIVE_INFINITY,
  maxEstimatedTokens: Number.POSITIVE_INFINITY,
  controlCharacters: 'allow',
  loneSurrogates: 'allow',
} as const;

const OUTPUT_FIELDS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens'] as const;

/**
 * Tokens a request may cost: the estimate of every text the model reads, plus the largest
 * output it allows (`max_tokens`, `max_completion_tokens`, `max_output_tokens`,
 * `maxOutputTokens`) when it names one.
 *
 * @example
 * defaultEstimate({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hello world' }] }, 'anthropic'); // 103
 */
export function defaultEstimate(request: unknown, format: RequestFormat): number {
  const { segments } = validateRequest(request, { format, limits: UNLIMITED });
  const input = segments.reduce((sum, s) => sum + estimateTokens(s.text), 0);
  const fields = typeof request === 'object' && request !== null && !Array.isArray(request) ? (request as Record<string, unknown>) : {};
  const output = OUTPUT_FIELDS.map((k) => fields[k]).find((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0) ?? 0;
  return input + output;
}

/** What {@link admit} let through. */
export interface Admission<R> {
  verdict: InputVerdict<R>;
  /** `RateLimit` and `RateLimit-Policy` headers of every limit applied (empty without limits). */
  headers: Record<string, string>;
  /** The token reservation to settle with the real usage, when `tokenLimiter` is set. */
  reservation?: Reservation;
}

/** Joins the headers of several decisions: one list member per policy. */
export function mergeHeaders(decisions: readonly Decision[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const d of decisions) {
    for (const [name, value] of Object.entries(rateLimitHeaders(d))) {
      const before = merged[name];
      merged[name] = before === undefined ? value : name === 'retry-after' ? String(Math.max(Number(before), Number(value))) : `${before}, ${value}`;
    }
  }
  return merged;
}

/**
 * The input half every adapter shares: consume a request on `limiter`, check the body with
 * the guard, reserve tokens on `tokenLimiter`. Throws the `RateLimitError` (429, headers of
 * every limit), the guard's `BlockedError` (400), or a validation error (400/413); nothing is
 * reserved when it throws.
 */
export async function admit<R>(
  guard: Guard,
  options: LimitOptions,
  body: R,
  how: { key: () => LimitKey | Promise<LimitKey>; format?: RequestFormat; scope?: string },
): Promise<Admission<R>> {
  const decisions: Decision[] = [];
  const key = options.limiter === undefined && options.tokenLimiter === undefined ? undefined : await how.key();
  if (options.limiter !== undefined && key !== undefined) {
    const decision = await options.limiter.consume(key);
    decisions.push(decision);
    if (!decision.allowed) throw withHeaders(rateLimitError(decision), mergeHeaders(decisions));
  }
  const verdict = await guard.checkInput(body, {
    ...(how.format === undefined ? {} : { format: how.format }),
    ...(how.scope === undefined ? {} : { scope: how.scope }),
  });
  if (verdict.blocked) throw verdict.error!;
  let reservation: Reservation | undefined;
  if (options.tokenLimiter !== undefined && key !== undefined) {
    const estimate = (options.estimate ?? defaultEstimate)(verdict.request, verdict.format);
    reservation = await options.tokenLimiter.reserve(key, estimate);
    decisions.push(reservation);
    if (!reservation.allowed) throw withHeaders(rateLimitError(reservation), mergeHeaders(decisions));
  }
  return { verdict, headers: mergeHeaders(decisions), ...(reservation === undefined ? {} : { reservation }) };
}

function withHeaders<E extends { headers: Record<string, string> }>(error: E, headers: Record<string, string>): E {
  Object.assign(error.headers, headers);
  return error;
}
