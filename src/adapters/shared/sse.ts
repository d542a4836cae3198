/** One server-sent event: its `event` name (when given) and its `data` lines joined. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Reads server-sent events from a byte stream, as the SSE spec frames them: fields up to a
 * blank line, `data` lines joined with `\n`, comments and `retry` dropped.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  let buffer = '';
  let event: SseEvent = { data: '' };
  let hasData = false;
  const decoder = new TextDecoder();
  const lines = function* (final: boolean): Generator<string> {
    const pattern = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = pattern.exec(buffer); m !== null; m = pattern.exec(buffer)) {
      // A lone \r at the end may be the first half of \r\n still on its way.
      if (m[0] === '\r' && m.index === buffer.length - 1 && !final) break;
      yield buffer.slice(start, m.index);
      start = m.index + m[0].length;
    }
    buffer = buffer.slice(start);
  };
  const field = (line: string): SseEvent | undefined => {
    if (line === '') {
      const done = hasData || event.event !== undefined ? event : undefined;
      event = { data: '' };
      hasData = false;
      return done;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') {
      event.data = hasData ? `${event.data}\n${value}` : value;
      hasData = true;
    } else if (name === 'event') event.event = value;
    else if (name === 'id') event.id = value;
    return undefined;
  };
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    for (const line of lines(false)) {
      const done = field(line);
      if (done !== undefined) yield done;
    }
  }
  buffer += decoder.decode();
  for (const line of lines(true)) {
    const done = field(line);
    if (done !== undefined) yield done;
  }
  const last = field('');
  if (last !== undefined) yield last;
}

/** Writes one event in SSE framing. */
export function encodeSse(event: SseEvent): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}
