import { InvalidInputError, PromptwardError } from '../../errors.js';
import type { Guard } from '../../guard/guard.js';
import type { LimitKey, Reservation } from '../../ratelimit/limiter.js';
import { admit, type LimitOptions } from '../shared/admission.js';
import { answerTokens, filterJsonAnswer } from '../shared/json-answer.js';
import { filterSse } from '../shared/sse-answer.js';
import { encodeSse, readSse } from '../shared/sse.js';
import { asPromptwardError, wireErrorResponse, wireFormatOf, type WireFormat } from '../shared/wire.js';

export type { LimitOptions } from '../shared/admission.js';
export type { WireFormat } from '../shared/wire.js';

/** Options of {@link guardedFetch}. */
export interface GuardedFetchOptions extends LimitOptions {
  /** The guard that checks every request and answer. */
  guard: Guard;
  /** The rate-limit key of a request. Default `'default'`: one budget for this fetch. */
  key?: (request: Request) => LimitKey | Promise<LimitKey>;
  /** The fetch that reaches the API. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

const DROPPED_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding'];

function copyHeaders(headers: Headers): Headers {
  const out = new Headers(headers);
  for (const name of DROPPED_HEADERS) out.delete(name);
  return out;
}

/** A promise-returning settle that cannot fail the answer: the call already happened. */
async function settle(reservation: Reservation | undefined, tokens: number | undefined): Promise<void> {
  if (reservation === undefined || tokens === undefined) return;
  await reservation.settle(tokens).catch(() => undefined);
}

/** The media type of a `content-type` header, lower-cased, without parameters. */
function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The answer of an API that the guard cannot read: failing closed, since it may hold model text. */
const unreadable = (): PromptwardError =>
  new PromptwardError('PW_OUTPUT_SCHEMA', 'the API answered neither JSON nor server-sent events; promptward cannot filter it');

async function filterResponse(format: WireFormat, response: Response, guard: Guard, scope: string, reservation: Reservation | undefined, streamed: boolean): Promise<Response> {
  const headers = copyHeaders(response.headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  const media = mediaType(response.headers.get('content-type'));
  const json = media === 'application/json' || media.endsWith('+json');
  // A streamed request's answer is read as SSE whatever its label says, so a mislabelled stream is still filtered.
  if ((media === 'text/event-stream' || (streamed && !json)) && response.body !== null) {
    const encoder = new TextEncoder();
    const events = filterSse(readSse(response.body), format, guard, scope, (end) =>
      // A stream cut by the guard or without usage keeps its estimate charged.
      settle(reservation, end.error === undefined ? end.tokens : undefined),
    );
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await events.next();
        if (next.done === true) controller.close();
        else controller.enqueue(encoder.encode(encodeSse(next.value)));
      },
      async cancel() {
        await events.return(undefined);
      },
    });
    return new Response(body, init);
  }
  const text = await response.text();
  // An empty answer (a 204, say) holds nothing to filter.
  if (text === '') return new Response(null, init);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    // The call happened: its estimate stays charged, as for any answer without usage.
    return wireErrorResponse(format, unreadable());
  }
  // The tokens were spent whatever the guard thinks of the answer.
  await settle(reservation, answerTokens(answer));
  try {
    await filterJsonAnswer(guard, scope, answer);
    return new Response(JSON.stringify(answer), init);
  } catch (error) {
    return wireErrorResponse(format, asPromptwardError(error));
  }
}

/**
 * A `fetch` for LLM APIs that speak the OpenAI (Chat Completions, Responses) or Anthropic
 * (Messages) wire format, told apart by the path (`…/chat/completions`, `…/responses`,
 * `…/messages`); every other request passes untouched. Pass it as an SDK's `fetch` option,
 * or call it directly.
 *
 * - The JSON request body is validated and checked by the guard; the sanitized request is
 *   sent. Rate limits apply first (`limiter`: 1 per request; `tokenLimiter`: an estimate,
 *   settled with the answer's `usage`).
 * - A refused request never reaches the API: the answer is the API's error shape with the
 *   error's status (400 `PW_BLOCKED`, 429 `PW_RATE_LIMITED` with `Retry-After`, `RateLimit`,
 *   `RateLimit-Policy`), `code` set to promptward's code, and `x-should-retry: false`, so an
 *   SDK throws its usual error (`BadRequestError`, `RateLimitError`) without retrying.
 * - A JSON answer has its texts redacted and pseudonyms restored; a blocked one becomes a 403
 *   error answer. A streamed (SSE) answer is filtered event by event, in order (see
 *   `filterSse`); a blocked finding ends it with the API's error event. Every text the model
 *   wrote is filtered, not only the message: refusals, reasoning, tool call arguments.
 *   `logprobs` are emptied (`null`, or `[]` in Responses parts) rather than refused: they
 *   repeat the answer token by token, where no filter can see a value split across tokens.
 * - The answer's kind comes from its media type, in any case (`Text/Event-Stream`); the answer
 *   to a `stream: true` request is read as SSE unless labelled JSON. A successful answer that
 *   is neither JSON nor SSE (and not empty) fails closed: 502 `PW_OUTPUT_SCHEMA` in the API's
 *   error shape, its token estimate kept.
 * - Token usage: a streamed Chat Completion reports usage only when asked, so with a
 *   `tokenLimiter` the request gets `stream_options.include_usage: true` (the extra usage
 *   chunk reaches the caller). Without reported usage, or when the guard cut the answer,
 *   the estimate stays charged; a failed call (status ≥ 400, network error) is released.
 *
 * @example
 * const openai = new OpenAI({ fetch: guardedFetch({ guard: createGuard() }) });
 * const anthropic = new Anthropic({ fetch: guardedFetch({ guard, tokenLimiter, key: () => userId }) });
 */
/* @__NO_SIDE_EFFECTS__ */
export function guardedFetch(options: GuardedFetchOptions): typeof fetch {
  const { guard } = options;
  const inner = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async function promptwardFetch(input, init) {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const format = method === 'POST' ? wireFormatOf(url.pathname) : undefined;
    if (format === undefined) return inner(input, init);
    const request = new Request(input, init);
    let body: unknown;
    try {
      body = JSON.parse(await request.text()) as unknown;
    } catch {
      return wireErrorResponse(format, new InvalidInputError('the request body is not JSON'));
    }
    let admitted;
    try {
      admitted = await admit(guard, options, body, {
        key: () => (options.key === undefined ? 'default' : options.key(request)),
        format,
      });
    } catch (error) {
      return wireErrorResponse(format, asPromptwardError(error));
    }
    const { verdict, reservation } = admitted;
    const sent = verdict.request as Record<string, unknown>;
    if (format === 'openai-chat' && reservation !== undefined && sent['stream'] === true) {
      const streamOptions = typeof sent['stream_options'] === 'object' && sent['stream_options'] !== null ? sent['stream_options'] : {};
      sent['stream_options'] = { ...streamOptions, include_usage: true };
    }
    const headers = copyHeaders(request.headers);
    let response: Response;
    try {
      response = await inner(request.url, { ...init, method: 'POST', headers, body: JSON.stringify(sent), signal: request.signal });
    } catch (error) {
      await reservation?.release().catch(() => undefined);
      throw error;
    }
    if (!response.ok) {
      await reservation?.release().catch(() => undefined);
      return response;
    }
    return filterResponse(format, response, guard, verdict.scope, reservation, sent['stream'] === true);
  };
}
