import type { PromptwardError } from '../../errors.js';
import type { Guard } from '../../guard/guard.js';
import { usageTokens } from './json-answer.js';
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

/**
 * The per-API rules: which events carry text deltas (each text a channel), where a text ends,
 * where full texts repeat, where usage is. `handle` returns the events to send for one event.
 */
class Filter {
  readonly channels = new Map<string, TextChannel>();
  /** Full filtered texts of ended channels, for the events that repeat them (Responses). */
  readonly finished = new Map<string, string>();
  usage: Json | undefined;
  last: Json | undefined;

  constructor(
    readonly format: WireFormat,
    readonly guard: Guard,
    readonly scope: string,
  ) {}

  channel(key: string): TextChannel {
    let ch = this.channels.get(key);
    if (ch === undefined) {
      ch = textChannel(this.guard, this.scope);
      this.channels.set(key, ch);
    }
    return ch;
  }

  async end(key: string): Promise<string> {
    const ch = this.channels.get(key);
    if (ch === undefined) return '';
    this.channels.delete(key);
    const tail = await ch.end();
    this.finished.set(key, ch.text);
    return tail;
  }

  /** A full text that repeats a streamed one: the filtered stream's text, else checked whole. */
  async full(key: string, text: string): Promise<string> {
    const done = this.finished.get(key);
    if (done !== undefined) return done;
    const verdict = await this.guard.checkOutput(text, { scope: this.scope });
    if (verdict.blocked) throw verdict.error!;
    return verdict.text;
  }

  async handle(event: SseEvent): Promise<SseEvent[]> {
    if (this.format === 'openai-chat' && event.data === '[DONE]') return [...(await this.flush()), event];
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return [event];
    }
    if (!isObject(data)) return [event];
    this.last = data;
    const extra = this.format === 'openai-chat' ? await this.chat(data) : this.format === 'anthropic' ? await this.anthropic(data) : await this.responses(data);
    return [...extra, { ...event, data: JSON.stringify(data) }];
  }

  /** Sends what channels still hold when the stream ends without closing them. */
  async flush(): Promise<SseEvent[]> {
    const out: SseEvent[] = [];
    for (const key of [...this.channels.keys()]) {
      const tail = await this.end(key);
      if (tail === '') continue;
      out.push(this.tailEvent(key, tail, this.last));
    }
    return out;
  }

  tailEvent(key: string, text: string, template: Json | undefined): SseEvent {
    if (this.format === 'openai-chat') {
      const { id, object, created, model } = template ?? {};
      return { data: JSON.stringify({ id, object, created, model, choices: [{ index: Number(key), delta: { content: text }, finish_reason: null }] }) };
    }
    if (this.format === 'anthropic') {
      return { event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: Number(key), delta: { type: 'text_delta', text } }) };
    }
    const [itemId, contentIndex] = key.split('\u0000');
    return {
      event: 'response.output_text.delta',
      data: JSON.stringify({
        type: 'response.output_text.delta',
        item_id: itemId,
        output_index: template?.['output_index'] ?? 0,
        content_index: Number(contentIndex),
        delta: text,
        ...(typeof template?.['sequence_number'] === 'number' ? { sequence_number: template['sequence_number'] } : {}),
      }),
    };
  }

  async chat(chunk: Json): Promise<SseEvent[]> {
    if (isObject(chunk['usage'])) this.usage = chunk['usage'];
    if (!Array.isArray(chunk['choices'])) return [];
    for (const choice of chunk['choices']) {
      if (!isObject(choice)) continue;
      const key = String(typeof choice['index'] === 'number' ? choice['index'] : 0);
      const delta = isObject(choice['delta']) ? choice['delta'] : undefined;
      let text: string | undefined;
      if (typeof delta?.['content'] === 'string') text = await this.channel(key).push(delta['content']);
      if (choice['finish_reason'] != null && this.channels.has(key)) text = (text ?? '') + (await this.end(key));
      if (text !== undefined) choice['delta'] = { ...delta, content: text };
    }
    return [];
  }

  async anthropic(data: Json): Promise<SseEvent[]> {
    const type = data['type'];
    if (type === 'message_start' && isObject(data['message']) && isObject(data['message']['usage'])) this.usage = { ...data['message']['usage'] };
    if (type === 'message_delta' && isObject(data['usage'])) this.usage = { ...this.usage, ...data['usage'] };
    const key = String(data['index']);
    if (type === 'content_block_delta' && isObject(data['delta']) && data['delta']['type'] === 'text_delta' && typeof data['delta']['text'] === 'string') {
      data['delta'] = { ...data['delta'], text: await this.channel(key).push(data['delta']['text']) };
    }
    if (type === 'content_block_stop' && this.channels.has(key)) {
      const tail = await this.end(key);
      if (tail !== '') return [this.tailEvent(key, tail, data)];
    }
    return [];
  }

  async responses(data: Json): Promise<SseEvent[]> {
    const type = data['type'];
    const key = `${String(data['item_id'])}\u0000${String(data['content_index'])}`;
    if (type === 'response.output_text.delta' && typeof data['delta'] === 'string') {
      data['delta'] = await this.channel(key).push(data['delta']);
    } else if (type === 'response.output_text.done') {
      const tail = await this.end(key);
      if (typeof data['text'] === 'string') data['text'] = await this.full(key, data['text']);
      if (tail !== '') return [this.tailEvent(key, tail, data)];
    } else if (type === 'response.content_part.done' && isObject(data['part'])) {
      await this.fixPart(String(data['item_id']), data['content_index'], data['part']);
    } else if (type === 'response.output_item.done' && isObject(data['item'])) {
      await this.fixItem(data['item']);
    } else if (isObject(data['response'])) {
      const response = data['response'];
      if (isObject(response['usage'])) this.usage = response['usage'];
      if (Array.isArray(response['output'])) for (const item of response['output']) if (isObject(item)) await this.fixItem(item);
    }
    return [];
  }

  async fixItem(item: Json): Promise<void> {
    if (!Array.isArray(item['content'])) return;
    for (const [i, part] of item['content'].entries()) if (isObject(part)) await this.fixPart(String(item['id']), i, part);
  }

  async fixPart(itemId: string, index: unknown, part: Json): Promise<void> {
    if (part['type'] === 'output_text' && typeof part['text'] === 'string') part['text'] = await this.full(`${itemId}\u0000${String(index)}`, part['text']);
  }
}

/**
 * Filters the server-sent events of a Chat Completions, Responses or Messages stream through
 * the guard, in order: every text is redacted as it streams (a secret split across events is
 * still caught, since a text's pieces pass through one guard stream), pseudonyms of `scope`
 * are restored, and texts repeated whole (`response.output_text.done`, `response.completed`…)
 * carry the filtered text. Text held back at a text's end is sent in one more delta event
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
