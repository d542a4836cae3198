import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PromptwardError } from '../../errors.js';
import type { Guard } from '../../guard/guard.js';
import type { LimitKey } from '../../ratelimit/limiter.js';
import type { RequestFormat } from '../../validate/format.js';
import { admit, type LimitOptions } from '../shared/admission.js';
import { answerTokens, filterJsonAnswer } from '../shared/json-answer.js';
import type { PromptwardState } from '../shared/state.js';

export type { LimitOptions } from '../shared/admission.js';
export type { PromptwardState } from '../shared/state.js';

/** What a route can set in `config.promptward`: any plugin option, over the plugin's. */
export interface PromptwardRouteOptions extends LimitOptions {
  /** The guard that checks the request and the answer. */
  guard?: Guard;
  /** The rate-limit key of a request. Default: `request.ip`. */
  key?: (request: FastifyRequest) => LimitKey | Promise<LimitKey>;
  /** The request format. Default: detected (OpenAI Chat or Responses, Anthropic, AI SDK). */
  format?: RequestFormat;
  /**
   * Where the chat request is, for bodies that wrap it. Default: `request.body`, which is then
   * replaced by the sanitized request; with `extract`, the body is left alone and the
   * sanitized request is `request.promptward.verdict.request`.
   */
  extract?: (request: FastifyRequest) => unknown;
  /**
   * Filter the route's JSON answer (Chat Completion, Response or Message shapes; a string or
   * a Buffer) through `guard.checkOutput` with the request's scope. Default true. A streamed
   * answer cannot be filtered here and is refused (500 `PW_CONFIG`): a streaming route sets
   * `output: false` and filters with `guard.outputStream({ scope })` itself.
   */
  output?: boolean;
}

/** Options of the Fastify {@link promptward} plugin. */
export interface PromptwardFastifyOptions extends PromptwardRouteOptions {
  guard: Guard;
  /**
   * Guard every POST route (default true); a route opts out with `config: { promptward: false }`.
   * When false, only routes with a `config.promptward` object are guarded.
   */
  global?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** promptward options for this route, over the plugin's; `false` to leave the route unguarded. */
    promptward?: PromptwardRouteOptions | false;
  }
  interface FastifyRequest {
    /** Set by the promptward plugin on every request it let through. */
    promptward?: PromptwardState;
  }
}

/** A payload Fastify pipes to the client: a Node stream or a web `ReadableStream`. */
function isStream(payload: unknown): payload is { pipe: unknown; destroy?: () => void } | ReadableStream {
  if (payload instanceof ReadableStream) return true;
  return typeof payload === 'object' && payload !== null && typeof (payload as { pipe?: unknown }).pipe === 'function';
}

/** Lets go of a stream that will not be sent, so its source stops and its resources are freed. */
function discard(payload: { destroy?: () => void } | ReadableStream): void {
  if (payload instanceof ReadableStream) payload.cancel().catch(() => undefined);
  else payload.destroy?.();
}

const plugin: FastifyPluginAsync<PromptwardFastifyOptions> = async (fastify, pluginOptions) => {
  const settings = (request: FastifyRequest): (PromptwardRouteOptions & { guard: Guard }) | undefined => {
    const route = (request.routeOptions.config as { promptward?: PromptwardRouteOptions | false }).promptward;
    if (route === false) return undefined;
    if (route === undefined && (pluginOptions.global === false || request.method !== 'POST')) return undefined;
    return { ...pluginOptions, ...route };
  };
  const used = new WeakMap<FastifyRequest, PromptwardRouteOptions & { guard: Guard }>();

  fastify.decorateRequest('promptward', undefined);

  fastify.addHook('preHandler', async function promptwardInput(request, reply) {
    const options = settings(request);
    if (options === undefined) return;
    const { verdict, headers, reservation } = await admit(options.guard, options, options.extract === undefined ? request.body : options.extract(request), {
      key: () => (options.key === undefined ? request.ip : options.key(request)),
      ...(options.format === undefined ? {} : { format: options.format }),
    });
    reply.headers(headers);
    request.promptward = { verdict, scope: verdict.scope, headers, ...(reservation === undefined ? {} : { reservation }) };
    if (options.extract === undefined) request.body = verdict.request;
    used.set(request, options);
  });

  fastify.addHook('onSend', async function promptwardOutput(request, reply, payload) {
    const options = used.get(request);
    const state = request.promptward;
    if (options === undefined || state === undefined || options.output === false || reply.statusCode >= 400) return payload;
    if (isStream(payload)) {
      // A stream cannot be read here without holding the whole answer: refused, not sent raw.
      discard(payload);
      throw new PromptwardError(
        'PW_CONFIG',
        'promptward cannot filter a streamed answer: set config.promptward.output to false on this route and filter it with guard.outputStream({ scope })',
      );
    }
    const buffer = Buffer.isBuffer(payload);
    if ((typeof payload !== 'string' && !buffer) || !String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
    let json: unknown;
    try {
      json = JSON.parse(buffer ? payload.toString('utf8') : payload);
    } catch {
      return payload;
    }
    // The tokens were spent whatever the guard thinks of the answer.
    const tokens = answerTokens(json);
    if (tokens !== undefined) await state.reservation?.settle(tokens);
    const format = await filterJsonAnswer(options.guard, state.scope, json);
    if (format === undefined) return payload;
    return buffer ? Buffer.from(JSON.stringify(json), 'utf8') : JSON.stringify(json);
  });
};

/**
 * Fastify 5 plugin (wrapped with `fastify-plugin`, so its hooks reach the routes of the scope
 * that registers it) that rate-limits and guards chat requests, per route:
 *
 * - `preHandler`: requests count on `limiter`, tokens are reserved on `tokenLimiter`, the
 *   body is validated and checked, `RateLimit` / `RateLimit-Policy` headers are set,
 *   `request.promptward` holds the verdict and the body becomes the sanitized request.
 * - `onSend`: a JSON answer (string or Buffer) in the Chat Completions, Responses or Messages
 *   shape has its texts redacted and the request's pseudonyms restored (every text the model
 *   wrote: refusals, reasoning, tool call arguments; `logprobs` emptied); its `usage` settles
 *   the token reservation. A streamed answer (Node or web stream) fails closed with 500
 *   `PW_CONFIG` unless the route sets `output: false`, taking on its filtering
 *   (`guard.outputStream({ scope })`).
 *
 * Errors are thrown with `statusCode` and `headers`, so Fastify's default error handler
 * answers `{ statusCode, code, error, message }`: 400 `PW_BLOCKED`, 429 `PW_RATE_LIMITED`
 * with `Retry-After`, `RateLimit`, `RateLimit-Policy`, 403 `PW_BLOCKED` for a blocked answer.
 *
 * @example
 * await app.register(promptward, { guard, limiter });
 * app.post('/v1/chat/completions', async (request) => callModel(request.body));
 * app.post('/raw', { config: { promptward: false } }, handler);
 */
export const promptward = fp(plugin, { fastify: '5.x', name: 'promptward' });
