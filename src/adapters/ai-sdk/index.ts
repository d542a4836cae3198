import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Middleware,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import type { Guard } from '../../guard/guard.js';
import type { LimitKey, Reservation } from '../../ratelimit/limiter.js';
import { aiSdkUsageTokens } from '../../ratelimit/usage/ai-sdk.js';
import { admit, type LimitOptions } from '../shared/admission.js';
import { textChannel, type TextChannel } from '../shared/text-channel.js';
import { asPromptwardError } from '../shared/wire.js';

export type { LimitOptions } from '../shared/admission.js';

/** Options of {@link promptwardMiddleware}. */
export interface PromptwardMiddlewareOptions extends LimitOptions {
  /** The guard that checks every prompt and answer. */
  guard: Guard;
  /** The rate-limit key of a call (from its headers or provider options, say). Default `'default'`. */
  key?: (params: LanguageModelV3CallOptions) => LimitKey | Promise<LimitKey>;
}

/** What `transformParams` learned about a call, for the wrapper of the same call. */
interface Call {
  scope: string;
  reservation?: Reservation;
}

/** Settles the real usage; a provider that reports none (0) leaves the estimate charged. */
async function settle(reservation: Reservation | undefined, tokens: number): Promise<void> {
  if (reservation !== undefined && tokens > 0) await reservation.settle(tokens);
}

/** Filters stream parts: text deltas through one guard stream per text id, everything else as it comes. */
function filterParts(guard: Guard, call: Call | undefined): TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart> {
  const channels = new Map<string, TextChannel>();
  const scope = call?.scope ?? crypto.randomUUID();
  const end = async (id: string, controller: TransformStreamDefaultController<LanguageModelV3StreamPart>): Promise<void> => {
    const channel = channels.get(id);
    if (channel === undefined) return;
    channels.delete(id);
    const tail = await channel.end();
    if (tail !== '') controller.enqueue({ type: 'text-delta', id, delta: tail });
  };
  const guarded = async (controller: TransformStreamDefaultController<LanguageModelV3StreamPart>, step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (cause) {
      // The answer stops here; the reservation keeps its estimate, the usage never came.
      controller.enqueue({ type: 'error', error: asPromptwardError(cause) });
      controller.terminate();
    }
  };
  return new TransformStream({
    async transform(part, controller) {
      await guarded(controller, async () => {
        if (part.type === 'text-delta') {
          let channel = channels.get(part.id);
          if (channel === undefined) {
            channel = textChannel(guard, scope);
            channels.set(part.id, channel);
          }
          const delta = await channel.push(part.delta);
          if (delta !== '') controller.enqueue({ ...part, delta });
          return;
        }
        if (part.type === 'text-end') await end(part.id, controller);
        if (part.type === 'finish') {
          for (const id of [...channels.keys()]) await end(id, controller);
          await settle(call?.reservation, aiSdkUsageTokens(part.usage));
        }
        controller.enqueue(part);
      });
    },
    async flush(controller) {
      await guarded(controller, async () => {
        for (const id of [...channels.keys()]) await end(id, controller);
      });
    },
  });
}

/**
 * AI SDK middleware (`wrapLanguageModel`) that puts a model behind the guard:
 *
 * - `transformParams` applies the rate limits (`limiter`: 1 per call; `tokenLimiter`: an
 *   estimate) and checks the prompt (format `ai-sdk`), passing the sanitized prompt on. A
 *   refused call throws the `RateLimitError` (429) or `BlockedError` (400) from
 *   `generateText` / `streamText`, before the provider is called.
 * - `wrapGenerate` filters every text part of the answer (redacted, pseudonyms of the prompt
 *   restored) and throws the `BlockedError` (403) of a blocked answer.
 * - `wrapStream` filters text deltas as they stream, in order, one guard stream per text id
 *   (a secret split across deltas is still caught); text held back at a text's end is sent as
 *   one more `text-delta` just before its `text-end`. Other parts pass through in order. A
 *   blocked answer is **an `error` part** carrying the `BlockedError` (403), after which the
 *   stream ends (no `finish`): `streamText` hands it to `onError` and its full stream.
 * - With `tokenLimiter`, the `finish` part's (or the result's) usage settles the reservation;
 *   a failed call releases it.
 *
 * @example
 * const model = wrapLanguageModel({ model: openai.chat('gpt-4.1'), middleware: promptwardMiddleware({ guard: createGuard() }) });
 * const { text } = await generateText({ model, prompt: 'Write to jane@example.com' }); // the model saw [EMAIL_1]
 */
/* @__NO_SIDE_EFFECTS__ */
export function promptwardMiddleware(options: PromptwardMiddlewareOptions): LanguageModelV3Middleware {
  const { guard } = options;
  const calls = new WeakMap<LanguageModelV3CallOptions, Call>();
  return {
    specificationVersion: 'v3',

    async transformParams({ params }) {
      const { verdict, reservation } = await admit(guard, options, params.prompt, {
        key: () => (options.key === undefined ? 'default' : options.key(params)),
        format: 'ai-sdk',
      });
      const next: LanguageModelV3CallOptions = { ...params, prompt: verdict.request as LanguageModelV3Prompt };
      calls.set(next, { scope: verdict.scope, ...(reservation === undefined ? {} : { reservation }) });
      return next;
    },

    async wrapGenerate({ doGenerate, params }) {
      const call = calls.get(params);
      const result = await doGenerate().then(undefined, async (error: unknown) => {
        await call?.reservation?.release();
        throw error;
      });
      await settle(call?.reservation, aiSdkUsageTokens(result.usage));
      const content: LanguageModelV3Content[] = [];
      for (const part of result.content) {
        if (part.type !== 'text') {
          content.push(part);
          continue;
        }
        const verdict = await guard.checkOutput(part.text, call === undefined ? {} : { scope: call.scope });
        if (verdict.blocked) throw verdict.error!;
        content.push({ ...part, text: verdict.text });
      }
      return { ...result, content };
    },

    async wrapStream({ doStream, params }) {
      const call = calls.get(params);
      const result = await doStream().then(undefined, async (error: unknown) => {
        await call?.reservation?.release();
        throw error;
      });
      return { ...result, stream: result.stream.pipeThrough(filterParts(guard, call)) };
    },
  };
}
