import type { PromptwardError } from '../../errors.js';
import type { Guard } from '../../guard/guard.js';
import { anthropicBlockSlots, chatMessageSlots, responsesItemSlots, responsesPartSlots, stripLogprobs, type TextSlot, usageTokens } from './json-answer.js';
import type { SseEvent } from './sse.js';
import { textChannel, type TextChannel } from './text-channel.js';
import { asPromptwardError, wireErrorBody, type WireFormat } from './wire.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a filtered stream ended: the usage it reported (if any), or the error that cut it. */
export interface StreamEnd {
  /** Tokens of the stream's `usage`, or undefined when it reported none. */
  tokens?: number;
  error?: PromptwardError;
}

/** The API's event for an error in the middle of a stream. */
function errorEvent(format: WireFormat, error: PromptwardError, last: Json | undefined): SseEvent {
  if (format === 'openai-chat') return { data: JSON.stringify(wireErrorBody(format, error)) };
  if (format === 'anthropic') return { event: 'error', data: JSON.stringify(wireErrorBody(format, error)) };
  const sequence = typeof last?.['sequence_number'] === 'number' ? last['sequence_number'] + 1 : 0;
  return { event: 'error', data: JSON.stringify({ type: 'error', code: error.code, message: error.message, param: null, sequence_number: sequence }) };
}

/** A Responses event that streams a text, the event that ends it, and the field holding it there. */
interface ResponsesText {
  /** The channel key of the event's text, as `responsesItemSlots` names it. */
  key: (data: Json) => string;
  done: string;
  field: string;
}

const part = (kind: string, index: string) => (data: Json) => `${kind}\u0000${String(data['item_id'])}\u0000${String(data[index])}`;
const whole = (kind: string) => (data: Json) => `${kind}\u0000${String(data['item_id'])}`;

/** The Responses delta events, by type: every text the model streams, not only the message. */
const RESPONSES_DELTAS: Record<string, ResponsesText> = {
  'response.output_text.delta': { key: part('text', 'content_index'), done: 'response.output_text.done', field: 'text' },
  'response.refusal.delta': { key: part('refusal', 'content_index'), done: 'response.refusal.done', field: 'refusal' },
  'response.reasoning_text.delta': { key: part('reasoning', 'content_index'), done: 'response.reasoning_text.done', field: 'text' },
  'response.reasoning_summary_text.delta': { key: part('summary', 'summary_index'), done: 'response.reasoning_summary_text.done', field: 'text' },
  'response.function_call_arguments.delta': { key: whole('arguments'), done: 'response.function_call_arguments.done', field: 'arguments' },
  'response.custom_tool_call_input.delta': { key: whole('input'), done: 'response.custom_tool_call_input.done', field: 'input' },
};
const RESPONSES_DONES = new Map(Object.values(RESPONSES_DELTAS).map((text) => [text.done, text]));

/** The field of each Messages delta type that carries model text. */
const ANTHROPIC_DELTAS: Record<string, string> = { text_delta: 'text', thinking_delta: 'thinking', input_json_delta: 'partial_json' };

/** Adds text held back at a Chat choice's end to the delta of its last chunk, after what the delta holds. */
function appendChat(delta: Json, key: string, text: string): void {
  const [, kind, tool] = key.split('\u0000');
  if (kind === 'content' || kind === 'refusal') {
    delta[kind] = `${typeof delta[kind] === 'string' ? delta[kind] : ''}${text}`;
  } else if (kind === 'function') {
    const call = isObject(delta['function_call']) ? delta['function_call'] : {};
    delta['function_call'] = { ...call, arguments: `${typeof call['arguments'] === 'string' ? call['arguments'] : ''}${text}` };
  } else {
    const calls = Array.isArray(delta['tool_calls']) ? delta['tool_calls'] : [];
    const index = Number(tool);
    const call = calls.find((c): c is Json => isObject(c) && c['index'] === index);
    if (call === undefined) calls.push({ index, function: { arguments: text } });
    else {
      const fn = isObject(call['function']) ? call['function'] : {};
      call['function'] = { ...fn, arguments: `${typeof fn['arguments'] === 'string' ? fn['arguments'] : ''}${text}` };
    }
    delta['tool_calls'] = calls;
  }
}

/**
 * The per-API rules: which events carry text deltas (each text a channel), where a text ends,
 * where full texts repeat, where usage is. `handle` returns the events to send for one event.
 */
class Filter {
  readonly channels = new Map<string, TextChannel>();
  /** How to send text held back in a channel as one more delta event, by channel key. */
  readonly tails = new Map<string, (text: string, template: Json | undefined) => SseEvent>();
  /** Full filtered texts of ended channels, for the events that repeat them (Responses). */
  readonly finished = new Map<string, string>();
  usage: Json | undefined;
  last: Json | undefined;

  constructor(
    readonly format: WireFormat,
    readonly guard: Guard,
    readonly scope: string,
  ) {}

  /** Feeds a piece of the text `key`; `tail` makes the event for what the channel still holds at its end. */
  async push(key: string, text: string, tail: (text: string, template: Json | undefined) => SseEvent): Promise<string> {
    let ch = this.channels.get(key);
    if (ch === undefined) {
      ch = textChannel(this.guard, this.scope);
      this.channels.set(key, ch);
      this.tails.set(key, tail);
    }
    return ch.push(text);
  }

  async end(key: string): Promise<string> {
    const ch = this.channels.get(key);
    if (ch === undefined) return '';
    this.channels.delete(key);
    this.tails.delete(key);
    const tail = await ch.end();
    this.finished.set(key, ch.text);
    return tail;
  }

  /** Ends `key` and makes the event for its held-back text, if any. */
  async endEvent(key: string, template: Json | undefined): Promise<SseEvent[]> {
    const make = this.tails.get(key);
    const tail = await this.end(key);
    return tail === '' || make === undefined ? [] : [make(tail, template)];
  }

  /** A full text that repeats a streamed one: the filtered stream's text, else checked whole. */
  async full(key: string, text: string): Promise<string> {
    const done = this.finished.get(key);
    if (done !== undefined) return done;
    const verdict = await this.guard.checkOutput(text, { scope: this.scope });
    if (verdict.blocked) throw verdict.error!;
    return verdict.text;
  }

  async fixSlots(slots: TextSlot[]): Promise<void> {
    for (const { holder, key, id } of slots) holder[key] = await this.full(id, holder[key] as string);
  }

  async handle(event: SseEvent): Promise<SseEvent[]> {
    if (this.format === 'openai-chat' && event.data === '[DONE]') return [...(await this.flush()), event];
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      data = undefined;
    }
    // Data of no shape this filter knows is still model output: checked whole, never passed raw.
    if (!isObject(data)) return [{ ...event, data: await this.full('', event.data) }];
    this.last = data;
    stripLogprobs(data);
    const extra = this.format === 'openai-chat' ? await this.chat(data) : this.format === 'anthropic' ? await this.anthropic(data) : await this.responses(data);
    return [...extra, { ...event, data: JSON.stringify(data) }];
  }

  /** Sends what channels still hold when the stream ends without closing them. */
  async flush(): Promise<SseEvent[]> {
    const out: SseEvent[] = [];
    for (const key of [...this.channels.keys()]) out.push(...(await this.endEvent(key, this.last)));
    return out;
  }

  async chat(chunk: Json): Promise<SseEvent[]> {
    if (isObject(chunk['usage'])) this.usage = chunk['usage'];
    if (!Array.isArray(chunk['choices'])) return [];
    const { id, object, created, model } = chunk;
    for (const choice of chunk['choices']) {
      if (!isObject(choice)) continue;
      const index = typeof choice['index'] === 'number' ? choice['index'] : 0;
      const tail = (text: string, key: string): SseEvent => {
        const delta: Json = {};
        appendChat(delta, key, text);
        return { data: JSON.stringify({ id, object, created, model, choices: [{ index, delta, finish_reason: null }] }) };
      };
      if (isObject(choice['delta'])) {
        for (const { holder, key, id: slotId } of chatMessageSlots(choice['delta'], index)) {
          holder[key] = await this.push(slotId, holder[key] as string, (text) => tail(text, slotId));
        }
      }
      if (choice['finish_reason'] == null) continue;
      for (const key of [...this.channels.keys()]) {
        if (!key.startsWith(`${index}\u0000`)) continue;
        const text = await this.end(key);
        if (text === '') continue;
        const delta = isObject(choice['delta']) ? choice['delta'] : {};
        appendChat(delta, key, text);
        choice['delta'] = delta;
      }
    }
    return [];
  }

  async anthropic(data: Json): Promise<SseEvent[]> {
    const type = data['type'];
    if (type === 'message_start' && isObject(data['message']) && isObject(data['message']['usage'])) this.usage = { ...data['message']['usage'] };
    if (type === 'message_delta' && isObject(data['usage'])) this.usage = { ...this.usage, ...data['usage'] };
    const index = typeof data['index'] === 'number' ? data['index'] : 0;
    const key = String(index);
    if (type === 'content_block_start' && isObject(data['content_block'])) await this.fixSlots(anthropicBlockSlots(data['content_block'], index));
    const delta = data['delta'];
    const field = isObject(delta) ? ANTHROPIC_DELTAS[String(delta['type'])] : undefined;
    if (type === 'content_block_delta' && isObject(delta) && field !== undefined && typeof delta[field] === 'string') {
      const kind = delta['type'];
      delta[field] = await this.push(key, delta[field], (text) => ({
        event: 'content_block_delta',
        data: JSON.stringify({ type: 'content_block_delta', index, delta: { type: kind, [field]: text } }),
      }));
    }
    if (type === 'content_block_stop') return this.endEvent(key, data);
    return [];
  }

  async responses(data: Json): Promise<SseEvent[]> {
    const type = String(data['type']);
    const delta = RESPONSES_DELTAS[type];
    if (delta !== undefined && typeof data['delta'] === 'string') {
      data['delta'] = await this.push(delta.key(data), data['delta'], (text, template) => ({
        event: type,
        // Sent just before the event that ends the text, so it takes that event's number.
        data: JSON.stringify({ ...data, delta: text, ...(typeof template?.['sequence_number'] === 'number' ? { sequence_number: template['sequence_number'] } : {}) }),
      }));
      return [];
    }
    const done = RESPONSES_DONES.get(type);
    if (done !== undefined) {
      const key = done.key(data);
      const tail = await this.endEvent(key, data);
      if (typeof data[done.field] === 'string') data[done.field] = await this.full(key, data[done.field] as string);
      return tail;
    }
    if (isObject(data['part'])) {
      const index = type.startsWith('response.reasoning_summary_part.') ? data['summary_index'] : data['content_index'];
      await this.fixSlots(responsesPartSlots(data['part'], String(data['item_id']), Number(index)));
    }
    if (isObject(data['item'])) await this.fixSlots(responsesItemSlots(data['item']));
    if (isObject(data['response'])) {
      const response = data['response'];
      if (isObject(response['usage'])) this.usage = response['usage'];
      for (const item of Array.isArray(response['output']) ? response['output'] : []) if (isObject(item)) await this.fixSlots(responsesItemSlots(item));
    }
    return [];
  }
}

/**
 * Filters the server-sent events of a Chat Completions, Responses or Messages stream through
 * the guard, in order: every text is redacted as it streams (a secret split across events is
 * still caught, since a text's pieces pass through one guard stream), pseudonyms of `scope`
 * are restored, and texts repeated whole (`response.output_text.done`, `response.completed`…)
 * carry the filtered text. Every text the model writes is a channel of its own, keyed by choice
 * and tool index (Chat), block index (Messages) or item id and part index (Responses):
 * message text, refusals, reasoning / thinking, and tool call arguments (filtered as text,
 * so placeholders keep the JSON valid). `logprobs` are emptied in every event (see
 * `stripLogprobs`): they repeat the text token by token. Event data of no shape the filter
 * knows (not a JSON object) is checked whole rather than passed raw. Text held back at a text's end is sent in one more delta event
 * just before the end event. A blocked finding ends the stream with the API's error event.
 * `onEnd` gets the reported usage or the error.
 */
export async function* filterSse(
  events: AsyncIterable<SseEvent>,
  format: WireFormat,
  guard: Guard,
  scope: string,
  onEnd: (end: StreamEnd) => void | Promise<void>,
): AsyncGenerator<SseEvent> {
  const filter = new Filter(format, guard, scope);
  const source = events[Symbol.asyncIterator]();
  const usage = (): StreamEnd => (filter.usage === undefined ? {} : { tokens: usageTokens(format, filter.usage) });
  try {
    for (;;) {
      const next = await source.next();
      let out: SseEvent[];
      try {
        out = next.done === true ? await filter.flush() : await filter.handle(next.value);
      } catch (cause) {
        const error = asPromptwardError(cause);
        await onEnd({ ...usage(), error });
        yield errorEvent(format, error, filter.last);
        return;
      }
      if (next.done === true) {
        // Settled before the last events go out, so a caller that read to the end sees it done.
        await onEnd(usage());
        yield* out;
        return;
      }
      yield* out;
    }
  } finally {
    // Stops reading the API's answer when the stream is cut or its reader went away.
    await source.return?.();
  }
}
