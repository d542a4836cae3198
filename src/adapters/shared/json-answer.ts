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

/**
 * One string of an answer that the guard must see: `holder[key]`. `id` names the same text in
 * a stream of the API (its channel key in `filterSse`), so a text repeated whole after it
 * streamed gets the filtered stream's text.
 */
export interface TextSlot {
  holder: Record<string | number, unknown>;
  key: string | number;
  id: string;
}

const slot = (holder: Record<string | number, unknown>, key: string | number, id: string): TextSlot[] => (typeof holder[key] === 'string' ? [{ holder, key, id }] : []);

/** Every string inside a value (a tool's input), at any depth: the model wrote all of them. */
function stringSlots(value: unknown, id: string): TextSlot[] {
  if (!Array.isArray(value) && !isObject(value)) return [];
  const holder = value as Record<string, unknown>;
  return Object.keys(holder).flatMap((k) => (typeof holder[k] === 'string' ? [{ holder, key: k, id: `${id}\u0000${k}` }] : stringSlots(holder[k], `${id}\u0000${k}`)));
}

/**
 * The texts of a Chat Completions message of choice `choice`: `content`, `refusal`, and the
 * `arguments` of its tool calls (and of the legacy `function_call`).
 */
export function chatMessageSlots(message: Json, choice: number): TextSlot[] {
  return [
    ...slot(message, 'content', `${choice}\u0000content`),
    ...slot(message, 'refusal', `${choice}\u0000refusal`),
    ...objects(message['tool_calls']).flatMap((call, i) =>
      isObject(call['function']) ? slot(call['function'], 'arguments', `${choice}\u0000tool\u0000${typeof call['index'] === 'number' ? call['index'] : i}`) : [],
    ),
    ...(isObject(message['function_call']) ? slot(message['function_call'], 'arguments', `${choice}\u0000function`) : []),
  ];
}

/** The texts of one content or summary part of a Responses item (`output_text`, `refusal`, `reasoning_text`, `summary_text`). */
export function responsesPartSlots(part: Json, itemId: string, index: number): TextSlot[] {
  if (part['type'] === 'output_text') return slot(part, 'text', `text\u0000${itemId}\u0000${index}`);
  if (part['type'] === 'refusal') return slot(part, 'refusal', `refusal\u0000${itemId}\u0000${index}`);
  if (part['type'] === 'reasoning_text') return slot(part, 'text', `reasoning\u0000${itemId}\u0000${index}`);
  if (part['type'] === 'summary_text') return slot(part, 'text', `summary\u0000${itemId}\u0000${index}`);
  return [];
}

/**
 * The texts of a Responses output item: message parts (text, refusal), reasoning (summary and
 * text), function call `arguments`, custom tool call `input`.
 */
export function responsesItemSlots(item: Json): TextSlot[] {
  const id = String(item['id']);
  return [
    ...objects(item['content']).flatMap((part, i) => responsesPartSlots(part, id, i)),
    ...objects(item['summary']).flatMap((part, i) => responsesPartSlots(part, id, i)),
    ...(item['type'] === 'function_call' ? slot(item, 'arguments', `arguments\u0000${id}`) : []),
    ...(item['type'] === 'custom_tool_call' ? slot(item, 'input', `input\u0000${id}`) : []),
  ];
}

/** The texts of a Messages content block: `text`, `thinking`, every string of a tool's `input`. */
export function anthropicBlockSlots(block: Json, index: number): TextSlot[] {
  if (block['type'] === 'text') return slot(block, 'text', String(index));
  if (block['type'] === 'thinking') return slot(block, 'thinking', String(index));
  if (block['type'] === 'tool_use' || block['type'] === 'server_tool_use') return stringSlots(block['input'], `${index}\u0000input`);
  return [];
}

/** Every text of an answer the model wrote. */
function textSlots(format: WireFormat, body: Json): TextSlot[] {
  if (format === 'openai-chat') {
    return objects(body['choices']).flatMap((c, i) => (isObject(c['message']) ? chatMessageSlots(c['message'], typeof c['index'] === 'number' ? c['index'] : i) : []));
  }
  if (format === 'openai-responses') return objects(body['output']).flatMap(responsesItemSlots);
  return objects(body['content']).flatMap((block, i) => anthropicBlockSlots(block, i));
}

/**
 * Empties every `logprobs` field of a parsed answer or event, in place (an array becomes `[]`,
 * anything else `null`): logprobs repeat the answer token by token, and filtering tokens one
 * at a time cannot catch a value split across them, so they never reach the client.
 */
export function stripLogprobs(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) stripLogprobs(v);
    return;
  }
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'logprobs') value[k] = Array.isArray(v) ? [] : null;
    else stripLogprobs(v);
  }
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
 * Every text the model wrote counts, not only the message: refusals, reasoning / thinking,
 * tool call arguments (a JSON string, filtered as text: placeholders keep it valid JSON) and
 * every string of a tool's `input` object. `logprobs` are emptied (see {@link stripLogprobs}).
 * Returns the answer's format; throws the `BlockedError` (403) of a blocked text. A body of
 * another shape is left alone (format undefined).
 */
export async function filterJsonAnswer(guard: Guard, scope: string, body: unknown): Promise<WireFormat | undefined> {
  const format = answerFormatOf(body);
  if (format === undefined || !isObject(body)) return undefined;
  stripLogprobs(body);
  for (const { holder, key } of textSlots(format, body)) {
    const verdict = await guard.checkOutput(holder[key] as string, { scope });
    if (verdict.blocked) throw verdict.error!;
    holder[key] = verdict.text;
  }
  return format;
}
