import { z } from 'zod';
import type { SegmentCollector } from './collector.js';
import type { FormatReader } from './format.js';
import type { RequestPath, SegmentRole } from './segment.js';

// Objects are not strict: fields this module does not read (model, temperature,
// cache hints, new SDK fields) pass without a check, and the request is returned as sent.

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const RefusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });
// Images, audio and files carry no text we read; only their type is checked.
const UserPart = z.discriminatedUnion('type', [TextPart, z.object({ type: z.enum(['image_url', 'input_audio', 'file']) })]);

const TextContent = z.union([z.string(), z.array(TextPart)]);

const ToolCall = z.discriminatedUnion('type', [
  z.object({ type: z.literal('function'), id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) }),
  z.object({ type: z.literal('custom'), id: z.string(), custom: z.object({ name: z.string(), input: z.string() }) }),
]);

const Message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: TextContent }),
  z.object({ role: z.literal('developer'), content: TextContent }),
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(UserPart)]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [TextPart, RefusalPart]))]).nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(ToolCall).optional(),
    function_call: z.object({ name: z.string(), arguments: z.string() }).nullish(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: TextContent }),
  // Deprecated by OpenAI but still accepted by its API and SDK types.
  z.object({ role: z.literal('function'), name: z.string(), content: z.string().nullable() }),
]);

/**
 * An OpenAI Chat Completions request body (`client.chat.completions.create(params)`):
 * `messages` with roles system, developer, user, assistant, tool and the deprecated function.
 *
 * @example
 * openAIChatRequestSchema.parse({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
 */
export const openAIChatRequestSchema = z.object({ messages: z.array(Message) });

/** An OpenAI Chat Completions request, as far as promptward reads it. */
export type OpenAIChatRequest = z.input<typeof openAIChatRequestSchema>;

type Parsed = z.output<typeof openAIChatRequestSchema>;

function readContent(
  out: SegmentCollector,
  role: SegmentRole,
  source: 'message' | 'tool-result',
  index: number,
  path: RequestPath,
  content: string | readonly ({ type: string; text?: string; refusal?: string })[] | null | undefined,
): void {
  if (content === null || content === undefined) return;
  if (typeof content === 'string') {
    out.add(role, source, index, [...path, 'content'], content);
    return;
  }
  content.forEach((part, j) => {
    if (part.text !== undefined) out.add(role, source, index, [...path, 'content', j, 'text'], part.text);
    if (part.refusal !== undefined) out.add(role, source, index, [...path, 'content', j, 'refusal'], part.refusal);
  });
}

function read(request: Parsed, out: SegmentCollector): void {
  out.countMessages(['messages'], request.messages.length);
  request.messages.forEach((message, i) => {
    const at: RequestPath = ['messages', i];
    switch (message.role) {
      case 'system':
      case 'developer':
      case 'user':
        readContent(out, message.role, 'message', i, at, message.content);
        break;
      case 'assistant':
        readContent(out, 'assistant', 'message', i, at, message.content);
        if (typeof message.refusal === 'string') out.add('assistant', 'message', i, [...at, 'refusal'], message.refusal);
        message.tool_calls?.forEach((call, j) => {
          const callPath: RequestPath = [...at, 'tool_calls', j];
          if (call.type === 'function') out.add('assistant', 'tool-call', i, [...callPath, 'function', 'arguments'], call.function.arguments);
          else out.add('assistant', 'tool-call', i, [...callPath, 'custom', 'input'], call.custom.input);
        });
        if (message.function_call) out.add('assistant', 'tool-call', i, [...at, 'function_call', 'arguments'], message.function_call.arguments);
        break;
      case 'tool':
      case 'function':
        readContent(out, 'tool', 'tool-result', i, at, message.content);
        break;
    }
  });
}

/** Reads OpenAI Chat Completions requests. */
export const openAIChat: FormatReader<Parsed> = { schema: openAIChatRequestSchema, read };
