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
import { stripLogprobs } from '../shared/json-answer.js';
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

/** The stream parts that carry model text in pieces, and the part that ends each. */
const DELTAS = { 'text-delta': 'text-end', 'reasoning-delta': 'reasoning-end', 'tool-input-delta': 'tool-input-end' } as const;
type DeltaType = keyof typeof DELTAS;
const ENDS = new Map(Object.entries(DELTAS).map(([delta, end]) => [end as string, delta as DeltaType]));
const isDelta = (part: LanguageModelV3StreamPart): part is Extract<LanguageModelV3StreamPart, { type: DeltaType }> => part.type in DELTAS;

/**
 * Filters stream parts: text, reasoning and tool input deltas through one guard stream per
 * kind and id, a whole `tool-call` input through `checkOutput`, everything else as it comes.
 */
function filterParts(guard: Guard, call: Call | undefined): TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart> {
  const channels = new Map<string, TextChannel>();
  const scope = call?.scope ?? crypto.randomUUID();
  const end = async (type: DeltaType, id: string, controller: TransformStreamDefaultController<LanguageModelV3StreamPart>): Promise<void> => {
    const key = `${type}\u0000${id}`;
    const channel = channels.get(key);
    if (channel === undefined) return;
    channels.delete(key);
    const tail = await channel.end();
    if (tail !== '') controller.enqueue({ type, id, delta: tail });
  };
  const endAll = async (controller: TransformStreamDefaultController<LanguageModelV3StreamPart>): Promise<void> => {
    for (const key of [...channels.keys()]) {
      const [type, id] = key.split('\u0000') as [DeltaType, string];
      await end(type, id, controller);
    }
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
        if (isDelta(part)) {
          const key = `${part.type}\u0000${part.id}`;
          let channel = channels.get(key);
          if (channel === undefined) {
            channel = textChannel(guard, scope);
            channels.set(key, channel);
          }
          const delta = await channel.push(part.delta);
          if (delta !== '') controller.enqueue({ ...part, delta });
          return;
        }
        const ended = ENDS.get(part.type);
        if (ended !== undefined && 'id' in part) await end(ended, part.id, controller);
        if (part.type === 'tool-call') {
          // The input the SDK parses and runs the tool with: checked whole, as the provider sent it.
          controller.enqueue({ ...part, input: await check(guard, part.input, scope) });
          return;
        }
        if (part.type === 'finish') {
          await endAll(controller);
          stripLogprobs(part.providerMetadata);
          await settle(call?.reservation, aiSdkUsageTokens(part.usage));
        }
        controller.enqueue(part);
      });
    },
    async flush(controller) {
      await guarded(controller, () => endAll(controller));
    },
  });
}

/** A whole text through `guard.checkOutput`: the filtered text, or the `BlockedError` thrown. */
async function check(guard: Guard, text: string, scope: string | undefined): Promise<string> {
  const verdict = await guard.checkOutput(text, scope === undefined ? {} : { scope });
  if (verdict.blocked) throw verdict.error!;
  return verdict.text;
}

/**
 * AI SDK middleware (`wrapLanguageModel`) that puts a model behind the guard:
 *
 * - `transformParams` applies the rate limits (`limiter`: 1 per call; `tokenLimiter`: an
 *   estimate) and checks the prompt (format `ai-sdk`), passing the sanitized prompt on. A
 *   refused call throws the `RateLimitError` (429) or `BlockedError` (400) from
 *   `generateText` / `streamText`, before the provider is called.
 * - `wrapGenerate` filters every text the model wrote (redacted, pseudonyms of the prompt
 *   restored): `text` and `reasoning` parts and the JSON `input` of `tool-call` parts
 *   (filtered as text; placeholders keep it valid JSON). It throws the `BlockedError` (403) of
 *   a blocked answer.
 * - `wrapStream` filters `text-delta`, `reasoning-delta` and `tool-input-delta` parts as they
 *   stream, in order, one guard stream per kind and id (a secret split across deltas is still
 *   caught); text held back at an end is sent as one more delta just before its `text-end`,
 *   `reasoning-end` or `tool-input-end`. A `tool-call` part's input is checked whole. Other
 *   parts pass through in order. A blocked answer is **an `error` part** carrying the
 *   `BlockedError` (403), after which the stream ends (no `finish`): `streamText` hands it to
 *   `onError` and its full stream.
 * - `logprobs` in the provider metadata (of the result, or of the `finish` part) are emptied:
 *   they repeat the answer token by token, where no filter sees a value split across tokens.
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
        if (part.type === 'text' || part.type === 'reasoning') content.push({ ...part, text: await check(guard, part.text, call?.scope) });
        else if (part.type === 'tool-call') content.push({ ...part, input: await check(guard, part.input, call?.scope) });
        else content.push(part);
      }
      stripLogprobs(result.providerMetadata);
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
