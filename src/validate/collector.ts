import { forEachString } from './json-strings.js';
import type { RequestPath, Segment, SegmentRole, SegmentSource } from './segment.js';

/**
 * Gathers the segments of one request while a format reader walks it, and decides trust
 * in one place so every format agrees: a segment is trusted only when it is a message or
 * instructions of a trusted role. Tool results, tool calls and documents never are, since
 * their text comes from outside the application even inside a system message.
 */
export class SegmentCollector {
  readonly segments: Segment[] = [];
  /** Entries of the request's message lists, for the message-count limit. */
  messageCount = 0;
  /** Where the message list is (`['messages']`, `['input']`, `[]` for a bare array); set by {@link countMessages}. */
  messageList: RequestPath = [];
  readonly #trustedRoles: ReadonlySet<SegmentRole>;

  constructor(trustedRoles: Iterable<SegmentRole>) {
    this.#trustedRoles = new Set(trustedRoles);
  }

  /** Records a message list of `count` entries at `path`. */
  countMessages(path: RequestPath, count: number): void {
    this.messageList = path;
    this.messageCount += count;
  }

  add(role: SegmentRole, source: SegmentSource, messageIndex: number | null, path: RequestPath, text: string): void {
    const trusted = (source === 'message' || source === 'instructions') && this.#trustedRoles.has(role);
    this.segments.push({ role, source, messageIndex, path, text, trusted });
  }

  /** Adds every string inside a JSON value (a tool call's input, a JSON tool result). */
  addStrings(role: SegmentRole, source: SegmentSource, messageIndex: number | null, path: RequestPath, value: unknown): void {
    forEachString(value, path, (text, at) => this.add(role, source, messageIndex, at, text));
  }
}
