import type { Guard } from '../../guard/guard.js';

/** One text of an answer that arrives in pieces, filtered through the guard as it comes. */
export interface TextChannel {
  /** Feeds a piece; resolves with the text the guard lets out now (may be empty, held back). */
  push(text: string): Promise<string>;
  /** Ends the text; resolves with what was still held back. */
  end(): Promise<string>;
  /** Everything let out so far, joined: the filtered text of the whole answer. */
  readonly text: string;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Wraps {@link Guard.outputStream} as a push/end pair, so a caller that handles events one at
 * a time (SSE, AI SDK parts) knows after each piece what may be sent. A blocked finding
 * rejects `push` or `end` with the guard's `BlockedError`.
 */
export function textChannel(guard: Guard, scope: string): TextChannel {
  const stream = guard.outputStream({ scope });
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let released = '';
  let all = '';
  // A reader always waiting, so the guard's transform never waits on backpressure.
  const pumping = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) released += r.value;
  })();
  // The error also reaches the writer; this copy must not count as unhandled.
  pumping.catch(() => undefined);
  const take = (): string => {
    const out = released;
    released = '';
    all += out;
    return out;
  };
  return {
    async push(text) {
      await writer.write(text);
      // After the write's macrotask, every chunk the transform enqueued has been read.
      await turn();
      return take();
    },
    async end() {
      await writer.close();
      await pumping;
      return take();
    },
    get text() {
      return all;
    },
  };
}
