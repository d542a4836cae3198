import { z } from 'zod';
import type { SegmentCollector } from './collector.js';
import type { FormatReader } from './format.js';
import type { RequestPath } from './segment.js';

// Objects are not strict: providerOptions and new SDK fields pass without a check. Binary
// data (`image`, `data`) may be a Uint8Array or URL, so it is never inspected.

const Text = z.object({ type: z.literal('text'), text: z.string() });
const Image = z.object({ type: z.literal('image') });
const FilePart = z.object({ type: z.literal('file'), mediaType: z.string() });
const Reasoning = z.object({ type: z.literal('reasoning'), text: z.string() });
const ToolCall = z.object({ type: z.literal('tool-call'), toolCallId: z.string(), toolName: z.string(), input: z.unknown() });

/** Content items of a `content` tool output that carry no text: media, files, images, custom. */
const OPAQUE_OUTPUT_ITEMS = ['media', 'file-data', 'file-url', 'file-id', 'image-data', 'image-url', 'image-file-id', 'custom'] as const;

const ToolOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('error-text'), value: z.string() }),
  z.object({ type: z.literal('json'), value: z.unknown() }),
  z.object({ type: z.literal('error-json'), value: z.unknown() }),
  z.object({ type: z.literal('execution-denied'), reason: z.string().optional() }),
  z.object({
    type: z.literal('content'),
    value: z.array(z.discriminatedUnion('type', [Text, z.object({ type: z.enum(OPAQUE_OUTPUT_ITEMS) })])),
  }),
]);
const ToolResult = z.object({ type: z.literal('tool-result'), toolCallId: z.string(), toolName: z.string(), output: ToolOutput });
const ApprovalRequest = z.object({ type: z.literal('tool-approval-request'), approvalId: z.string(), toolCallId: z.string() });
const ApprovalResponse = z.object({ type: z.literal('tool-approval-response'), approvalId: z.string(), approved: z.boolean() });

const SystemMessage = z.object({ role: z.literal('system'), content: z.string() });
const Message = z.discriminatedUnion('role', [
  SystemMessage,
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(z.discriminatedUnion('type', [Text, Image, FilePart]))]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [Text, FilePart, Reasoning, ToolCall, ToolResult, ApprovalRequest]))]),
  }),
  z.object({ role: z.literal('tool'), content: z.array(z.discriminatedUnion('type', [ToolResult, ApprovalResponse])) }),
]);

/**
 * An AI SDK v6 prompt: either a message list (`ModelMessage[]`, or the provider-level
 * `LanguageModelV3Prompt` a middleware sees), or the prompt fields of `generateText` /
 * `streamText` options: `system`, and `prompt` or `messages`.
 *
 * @example
 * aiSdkPromptSchema.parse([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
 * aiSdkPromptSchema.parse({ system: 'Be brief.', prompt: 'hi' });
 */
export const aiSdkPromptSchema = z.union([
  z.array(Message),
  z.object({
    system: z.union([z.string(), SystemMessage, z.array(SystemMessage)]).optional(),
    prompt: z.union([z.string(), z.array(Message)]).optional(),
    messages: z.array(Message).optional(),
  }),
]);

/** An AI SDK prompt, as far as promptward reads it. */
export type AiSdkPrompt = z.input<typeof aiSdkPromptSchema>;

type Parsed = z.output<typeof aiSdkPromptSchema>;
type ParsedMessage = z.output<typeof Message>;

function readToolResult(out: SegmentCollector, i: number, at: RequestPath, part: z.output<typeof ToolResult>): void {
  const output = part.output;
  const value: RequestPath = [...at, 'output', 'value'];
  switch (output.type) {
    case 'text':
    case 'error-text':
      out.add('tool', 'tool-result', i, value, output.value);
      return;
    case 'json':
    case 'error-json':
      out.addStrings('tool', 'tool-result', i, value, output.value);
      return;
    case 'execution-denied':
      if (output.reason !== undefined) out.add('tool', 'tool-result', i, [...at, 'output', 'reason'], output.reason);
      return;
    case 'content':
      output.value.forEach((item, j) => {
        if (item.type === 'text') out.add('tool', 'tool-result', i, [...value, j, 'text'], item.text);
      });
      return;
  }
}

function readMessage(out: SegmentCollector, message: ParsedMessage, i: number, at: RequestPath): void {
  const content = message.content;
  if (typeof content === 'string') {
    out.add(message.role, 'message', i, [...at, 'content'], content);
    return;
  }
  content.forEach((part, j) => {
    const partPath: RequestPath = [...at, 'content', j];
    switch (part.type) {
      case 'text':
      case 'reasoning':
        out.add(message.role, 'message', i, [...partPath, 'text'], part.text);
        return;
      case 'tool-call':
        out.addStrings('assistant', 'tool-call', i, [...partPath, 'input'], part.input);
        return;
      case 'tool-result':
        readToolResult(out, i, partPath, part);
        return;
    }
  });
}

function readList(out: SegmentCollector, messages: readonly ParsedMessage[], at: RequestPath): void {
  out.countMessages(at, messages.length);
  messages.forEach((message, i) => readMessage(out, message, i, [...at, i]));
}

function read(request: Parsed, out: SegmentCollector): void {
  if (Array.isArray(request)) {
    readList(out, request, []);
    return;
  }
  const system = request.system;
  if (typeof system === 'string') out.add('system', 'instructions', null, ['system'], system);
  else if (Array.isArray(system)) system.forEach((message, j) => out.add('system', 'instructions', null, ['system', j, 'content'], message.content));
  else if (system !== undefined) out.add('system', 'instructions', null, ['system', 'content'], system.content);

  if (typeof request.prompt === 'string') {
    out.add('user', 'message', null, ['prompt'], request.prompt);
    out.countMessages(['prompt'], 1);
  } else if (request.prompt !== undefined) readList(out, request.prompt, ['prompt']);
  if (request.messages !== undefined) readList(out, request.messages, ['messages']);
}

/** Reads AI SDK prompts. */
export const aiSdk: FormatReader<Parsed> = { schema: aiSdkPromptSchema, read };
