import { isPromptwardError, PromptwardError } from '../../errors.js';

/** The HTTP APIs the wire-level adapters understand. */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic';

/**
 * The API a request path belongs to: `…/chat/completions`, `…/responses` or `…/messages`;
 * undefined for any other path (embeddings, files, token counts), which passes unguarded.
 */
export function wireFormatOf(pathname: string): WireFormat | undefined {
  let end = pathname.length;
  while (end > 0 && pathname[end - 1] === '/') end--; // a loop: /\/+$/ is quadratic on many slashes
  const path = pathname.slice(0, end);
  if (path.endsWith('/chat/completions')) return 'openai-chat';
  if (path.endsWith('/responses')) return 'openai-responses';
  if (path.endsWith('/messages')) return 'anthropic';
  return undefined;
}

/** Any error as a promptward error, so it has a code, a status and headers. */
export function asPromptwardError(error: unknown): PromptwardError {
  if (isPromptwardError(error)) return error;
  return new PromptwardError('PW_SCANNER', `promptward failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  403: 'permission_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
};

const OPENAI_TYPES: Record<number, string> = { 400: 'invalid_request_error', 403: 'invalid_request_error', 413: 'invalid_request_error', 429: 'rate_limit_error' };

/**
 * The body of an error in the API's own shape, with promptward's stable `code` beside the
 * message, so an SDK raises its usual error class (`BadRequestError`, `RateLimitError`…) and
 * `error.code` (OpenAI) or `error.error.error.code` (Anthropic) tells it was promptward.
 */
export function wireErrorBody(format: WireFormat, error: PromptwardError): Record<string, unknown> {
  const issues = error.issues.length > 0 ? { issues: error.issues } : {};
  if (format === 'anthropic') {
    return { type: 'error', error: { type: ANTHROPIC_TYPES[error.statusCode] ?? 'api_error', message: error.message, code: error.code, ...issues } };
  }
  return { error: { message: error.message, type: OPENAI_TYPES[error.statusCode] ?? 'server_error', param: null, code: error.code, ...issues } };
}

/**
 * An error as an HTTP answer of the API: its status, its headers (`Retry-After`,
 * `RateLimit`…) and `x-should-retry: false`, so the SDKs do not retry what the guard refused.
 */
export function wireErrorResponse(format: WireFormat, error: PromptwardError): Response {
  return new Response(JSON.stringify(wireErrorBody(format, error)), {
    status: error.statusCode,
    headers: { ...error.headers, 'content-type': 'application/json', 'x-should-retry': 'false' },
  });
}
