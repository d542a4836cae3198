/**
 * Typed errors with stable codes. Every error promptward throws on purpose is a
 * {@link PromptwardError}; callers branch on `code`, never on the message.
 */

/** Stable error codes. New codes may be added; existing ones never change meaning. */
export type PromptwardErrorCode =
  | 'PW_INVALID_INPUT'
  | 'PW_INPUT_TOO_LARGE'
  | 'PW_PATTERN'
  | 'PW_PACK'
  | 'PW_CONFIG'
  | 'PW_BLOCKED'
  | 'PW_RATE_LIMITED'
  | 'PW_STORE'
  | 'PW_SCANNER'
  | 'PW_OUTPUT_SCHEMA';

/** One problem found in an input, config or pack, with the path where it was found. */
export interface PromptwardIssue {
  path: (string | number)[];
  message: string;
}

export interface PromptwardErrorOptions {
  /** HTTP status that fits the error, when it reaches an HTTP boundary. */
  statusCode?: number;
  /** HTTP headers to send with the error (for example `retry-after`). */
  headers?: Record<string, string>;
  /** Individual problems, each with its path. */
  issues?: PromptwardIssue[];
  cause?: unknown;
}

const BRAND = Symbol.for('promptward.error');

const DEFAULT_STATUS: Record<PromptwardErrorCode, number> = {
  PW_INVALID_INPUT: 400,
  PW_INPUT_TOO_LARGE: 413,
  PW_PATTERN: 500,
  PW_PACK: 500,
  PW_CONFIG: 500,
  PW_BLOCKED: 400,
  PW_RATE_LIMITED: 429,
  PW_STORE: 503,
  PW_SCANNER: 500,
  PW_OUTPUT_SCHEMA: 502,
};

/**
 * Base class of every error promptward throws on purpose.
 *
 * @example
 * try { scan(input) } catch (e) { if (isPromptwardError(e) && e.code === 'PW_INVALID_INPUT') … }
 */
export class PromptwardError extends Error {
  override readonly name: string = 'PromptwardError';
  readonly code: PromptwardErrorCode;
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly issues: PromptwardIssue[];

  constructor(code: PromptwardErrorCode, message: string, options: PromptwardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.statusCode = options.statusCode ?? DEFAULT_STATUS[code];
    this.headers = options.headers ?? {};
    this.issues = options.issues ?? [];
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** Input of the wrong type or shape: wrong types, malformed messages. HTTP 400. */
export class InvalidInputError extends PromptwardError {
  override readonly name = 'InvalidInputError';
  constructor(message: string, options: PromptwardErrorOptions = {}) {
    super('PW_INVALID_INPUT', message, options);
  }
}

/** Input over a configured size limit. HTTP 413. */
export class InputTooLargeError extends PromptwardError {
  override readonly name = 'InputTooLargeError';
  constructor(message: string, options: PromptwardErrorOptions = {}) {
    super('PW_INPUT_TOO_LARGE', message, options);
  }
}

/** A pack that does not follow the pack schema, or a rule RE2 cannot compile. */
export class PatternError extends PromptwardError {
  override readonly name = 'PatternError';
  /** The pack the problem is in. */
  readonly pack: string;
  /** The rule the problem is in, when it is one rule's. */
  readonly rule: string | undefined;
  constructor(pack: string, rule: string | undefined, reason: string, options: PromptwardErrorOptions = {}) {
    super(
      rule === undefined ? 'PW_PACK' : 'PW_PATTERN',
      `pack "${pack}"${rule === undefined ? '' : `, rule "${rule}"`}: ${reason}`,
      options,
    );
    this.pack = pack;
    this.rule = rule;
  }
}

/**
 * A rate limit refused a request. HTTP 429; `headers` carries `RateLimit`, `RateLimit-Policy`
 * and `Retry-After`, so the default error handlers of Express and Fastify answer correctly.
 *
 * @example
 * const decision = await limiter.consume(userId);
 * if (!decision.allowed) throw rateLimitError(decision); // builds a RateLimitError with its headers
 */
export class RateLimitError extends PromptwardError {
  override readonly name = 'RateLimitError';
  /** Milliseconds until a retry of the same cost can be admitted. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, headers: Record<string, string>, options: PromptwardErrorOptions = {}) {
    super('PW_RATE_LIMITED', message, { ...options, headers: { ...options.headers, ...headers } });
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * A store (Redis, …) could not answer. HTTP 503. Thrown only when a limiter is set to fail
 * closed; the store's own error is the `cause`.
 *
 * @example
 * try { await limiter.consume(key) } catch (e) { if (isPromptwardError(e) && e.code === 'PW_STORE') … }
 */
export class StoreError extends PromptwardError {
  override readonly name = 'StoreError';
  constructor(message: string, options: PromptwardErrorOptions = {}) {
    super('PW_STORE', message, options);
  }
}

/**
 * The guard refused a text: a blocked category was found (`PW_BLOCKED`). HTTP 400 for a
 * request, 403 for an answer. `issues` name rules and spans, never the matched values.
 */
export class BlockedError extends PromptwardError {
  override readonly name = 'BlockedError';
  constructor(message: string, options: PromptwardErrorOptions = {}) {
    super('PW_BLOCKED', message, options);
  }
}

/**
 * True for any promptward error, also one thrown by another copy of the package
 * (two versions in one app), since it checks a global symbol rather than `instanceof`.
 */
export function isPromptwardError(value: unknown): value is PromptwardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
