import type { Guard } from '../../guard/guard.js';
import { anthropicUsageTokens } from '../../ratelimit/usage/anthropic.js';
import { openAIChatUsageTokens, openAIResponsesUsageTokens } from '../../ratelimit/usage/openai.js';
import type { WireFormat } from './wire.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** The answer shape of a parsed JSON body: a chat completion, a response, or a message. */
export function answerFormatOf(body: unknown): WireFormat | undefined {
  if (!isObject(body)) return undefined;
  if (Array.isArray(body['choices'])) return 'openai-chat';
  if (body['object'] === 'response' && Array.isArray(body['output'])) return 'openai-responses';
  if (body['type'] === 'message' && Array.isArray(body['content'])) return 'anthropic';
  return undefined;
}

/** Tokens an answer's `usage` reports, by its API's rules. */
export function usageTokens(format: WireFormat, usage: unknown): number {
  if (!isObject(usage)) return 0;
  if (format === 'openai-chat') return openAIChatUsageTokens(usage);
  if (format === 'openai-responses') return openAIResponsesUsageTokens(usage);
  return anthropicUsageTokens(usage);
}

/** The objects of an answer holding its text, and the key of the text in each. */
function textHolders(format: WireFormat, body: Json): [Json, string][] {
  if (format === 'openai-chat') {
    return objects(body['choices'])
      .map((c) => c['message'])
      .filter(isObject)
      .map((m): [Json, string] => [m, 'content']);
  }
  if (format === 'openai-responses') {
    return objects(body['output'])
      .flatMap((item) => objects(item['content']))
      .filter((part) => part['type'] === 'output_text')
      .map((part): [Json, string] => [part, 'text']);
  }
  return objects(body['content'])
    .filter((block) => block['type'] === 'text')
    .map((block): [Json, string] => [block, 'text']);
}

/** Tokens a parsed JSON answer reports in its `usage`; undefined for another shape or no usage. */
export function answerTokens(body: unknown): number | undefined {
  const format = answerFormatOf(body);
  if (format === undefined || !isObject(body) || !isObject(body['usage'])) return undefined;
  return usageTokens(format, body['usage']);
}

/**
 * Filters the texts of a parsed JSON answer (Chat Completions, Responses or Messages) through
 * `guard.checkOutput` with the request's scope, in place: redacted, pseudonyms restored.
 * Returns the answer's format; throws the `BlockedError` (403) of a blocked text. A body of
 * another shape is left alone (format undefined).
 */
export async function filterJsonAnswer(guard: Guard, scope: string, body: unknown): Promise<WireFormat | undefined> {
  const format = answerFormatOf(body);
  if (format === undefined || !isObject(body)) return undefined;
  for (const [holder, key] of textHolders(format, body)) {
    const text = holder[key];
    if (typeof text !== 'string') continue;
    const verdict = await guard.checkOutput(text, { scope });
    if (verdict.blocked) throw verdict.error!;
    holder[key] = verdict.text;
  }
  return format;
}
