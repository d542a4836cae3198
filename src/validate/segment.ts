/** Who a text speaks for, whatever the request format calls it. */
export type SegmentRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/**
 * Where a text sits in the conversation: a message's own text, a tool's result fed back,
 * the arguments of a tool call, a document attached to a message, or top-level
 * instructions (`system` of Anthropic and the AI SDK, `instructions` of the Responses API).
 */
export type SegmentSource = 'message' | 'tool-result' | 'tool-call' | 'document' | 'instructions';

/** A path into a request: object keys and array indices, from the root. */
export type RequestPath = (string | number)[];

/**
 * One piece of text a model will read, in a format-independent shape. Scanners look at
 * `text`; the Guard writes a sanitized text back at `path` with `applySegments`.
 *
 * @example
 * // { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] } gives
 * // { role: 'user', source: 'message', messageIndex: 0,
 * //   path: ['messages', 0, 'content', 0, 'text'], text: 'hi', trusted: false }
 */
export interface Segment {
  role: SegmentRole;
  source: SegmentSource;
  /** Index in the request's message list; `null` for top-level fields (`system`, `instructions`, a string `input` or `prompt`). */
  messageIndex: number | null;
  /** Where the text is in the original request; the last key names a string. */
  path: RequestPath;
  text: string;
  /** True for text the application wrote (system and developer prompts by default), false for text a user or a tool could control. */
  trusted: boolean;
}

/**
 * True for text nobody in the conversation wrote, a tool's result or an attached document:
 * third-party content, which the guard and the CLI scan with `context: 'document'`.
 */
export function isThirdParty(segment: Pick<Segment, 'source'>): boolean {
  return segment.source === 'tool-result' || segment.source === 'document';
}
