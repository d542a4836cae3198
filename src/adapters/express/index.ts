import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isPromptwardError } from '../../errors.js';
import type { Guard } from '../../guard/guard.js';
import type { LimitKey } from '../../ratelimit/limiter.js';
import type { RequestFormat } from '../../validate/format.js';
import { admit, type LimitOptions } from '../shared/admission.js';
import type { PromptwardState } from '../shared/state.js';

export type { LimitOptions } from '../shared/admission.js';
export type { PromptwardState } from '../shared/state.js';

declare global {
  // Express's own way to type what middleware adds to a request.
  namespace Express {
    interface Request {
      /** Set by the `promptward` middleware on every request it let through. */
      promptward?: PromptwardState;
    }
  }
}

/** Options of the Express {@link promptward} middleware. */
export interface PromptwardExpressOptions extends LimitOptions {
  /** The guard that checks every request. */
  guard: Guard;
  /** The rate-limit key of a request. Default: `req.ip`. */
  key?: (req: Request) => LimitKey | Promise<LimitKey>;
  /** The request format. Default: detected (OpenAI Chat or Responses, Anthropic, AI SDK). */
  format?: RequestFormat;
  /**
   * Where the chat request is, for bodies that wrap it (`(req) => req.body.chat`). Default:
   * `req.body`, which is then replaced by the sanitized request; with `extract`, `req.body`
   * is left alone and the sanitized request is `req.promptward.verdict.request`.
   */
  extract?: (req: Request) => unknown;
}

/**
 * Express 5 middleware that rate-limits and guards a chat request (mount it after
 * `express.json()`): requests count on `limiter`, tokens are reserved on `tokenLimiter`, the
 * body is validated and checked, `RateLimit` / `RateLimit-Policy` headers are set,
 * `req.promptward` holds the verdict and `req.body` becomes the sanitized request.
 *
 * Refusals go to `next(err)`, so Express's error path answers: the error's `statusCode`
 * (400 `PW_BLOCKED` or `PW_INVALID_INPUT`, 413, 429 `PW_RATE_LIMITED`) and its `headers`
 * (`Retry-After`, `RateLimit`, `RateLimit-Policy`) are what Express 5's default handler
 * sends. {@link promptwardErrorHandler} answers them as JSON instead.
 *
 * @example
 * app.post('/chat', express.json(), promptward({ guard, limiter }), async (req, res) => {
 *   const reply = await openai.chat.completions.create(req.body);
 *   const answer = await guard.checkOutput(reply.choices[0]?.message.content ?? '', { scope: req.promptward!.scope });
 *   res.json({ answer: answer.text });
 * });
 */
/* @__NO_SIDE_EFFECTS__ */
export function promptward(options: PromptwardExpressOptions): RequestHandler {
  const { guard, extract } = options;
  return async function promptwardMiddleware(req, res, next) {
    try {
      const { verdict, headers, reservation } = await admit(guard, options, extract === undefined ? req.body : extract(req), {
        key: () => (options.key === undefined ? (req.ip ?? 'unknown') : options.key(req)),
        ...(options.format === undefined ? {} : { format: options.format }),
      });
      res.set(headers);
      req.promptward = { verdict, scope: verdict.scope, headers, ...(reservation === undefined ? {} : { reservation }) };
      if (extract === undefined) req.body = verdict.request;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * An Express error handler that answers promptward errors as JSON:
 * `{ error: { code, message, issues } }` with the error's status and headers. Other errors
 * go on to the next handler.
 *
 * @example
 * app.use(promptwardErrorHandler());
 * // 400 { "error": { "code": "PW_BLOCKED", "message": "request blocked: injection", "issues": [...] } }
 */
export function promptwardErrorHandler(): ErrorRequestHandler {
  return function promptwardErrorHandler(error, _req, res, next) {
    if (!isPromptwardError(error) || res.headersSent) {
      next(error);
      return;
    }
    res
      .status(error.statusCode)
      .set(error.headers)
      .json({ error: { code: error.code, message: error.message, issues: error.issues } });
  };
}
