import { z } from 'zod';
import type { SegmentCollector } from './collector.js';
import type { FormatReader } from './format.js';
import type { RequestPath } from './segment.js';

// Objects are not strict: fields this module does not read pass without a check.

const InputText = z.object({ type: z.literal('input_text'), text: z.string() });
const OutputText = z.object({ type: z.literal('output_text'), text: z.string() });
const Refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
const Media = z.object({ type: z.enum(['input_image', 'input_file']) });

const MessagePart = z.discriminatedUnion('type', [InputText, OutputText, Refusal, Media]);
const ToolOutput = z.union([z.string(), z.array(z.discriminatedUnion('type', [InputText, Media]))]);

// A message's `type` may be left out; an item reference's too (then it has no `role`),
// so items without a type are told apart by `role`.
const Untyped = z.discriminatedUnion('role', [
  z.object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(MessagePart)]),
  }),
  z.object({ type: z.literal('item_reference').nullish(), role: z.undefined().optional(), id: z.string() }),
]);

/** Item types whose text promptward does not read: images, screenshots, search calls, encrypted state. */
const OPAQUE_ITEMS = [
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'web_search_call',
  'tool_search_call',
  'tool_search_output',
  'additional_tools',
  'compaction',
  'compaction_trigger',
  'image_generation_call',
  'code_interpreter_call',
  'local_shell_call',
  'shell_call',
  'apply_patch_call',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'program',
  'program_output',
] as const;

const Item = z.discriminatedUnion('type', [
  Untyped,
  z.object({ type: z.literal('function_call'), call_id: z.string(), name: z.string(), arguments: z.string() }),
  z.object({ type: z.literal('function_call_output'), call_id: z.string(), output: ToolOutput }),
  z.object({ type: z.literal('custom_tool_call'), call_id: z.string(), name: z.string(), input: z.string() }),
  z.object({ type: z.literal('custom_tool_call_output'), call_id: z.string(), output: ToolOutput }),
  z.object({
    type: z.literal('reasoning'),
    summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
    content: z.array(z.object({ type: z.literal('reasoning_text'), text: z.string() })).optional(),
  }),
  z.object({ type: z.literal('mcp_call'), arguments: z.string(), output: z.string().nullish() }),
  z.object({ type: z.literal('local_shell_call_output'), output: z.string() }),
  z.object({ type: z.literal('apply_patch_call_output'), output: z.string().nullish() }),
  z.object({ type: z.literal('shell_call_output'), output: z.array(z.object({ stdout: z.string(), stderr: z.string() })) }),
  z.object({ type: z.enum(OPAQUE_ITEMS) }),
]);

/**
 * An OpenAI Responses request body (`client.responses.create(params)`): `instructions`
 * and `input`, a string or a list of items (messages, function calls and their outputs,
 * custom tool calls, reasoning, MCP and shell calls, item references).
 *
 * @example
 * openAIResponsesRequestSchema.parse({ model: 'gpt-4.1', instructions: 'Be brief.', input: 'hi' });
 */
export const openAIResponsesRequestSchema = z.object({
  instructions: z.string().nullish(),
  input: z.union([z.string(), z.array(Item)]).optional(),
});

/** An OpenAI Responses request, as far as promptward reads it. */
export type OpenAIResponsesRequest = z.input<typeof openAIResponsesRequestSchema>;

type Parsed = z.output<typeof openAIResponsesRequestSchema>;
type ParsedItem = z.output<typeof Item>;

function readToolOutput(out: SegmentCollector, i: number, at: RequestPath, output: z.output<typeof ToolOutput>): void {
  if (typeof output === 'string') {
    out.add('tool', 'tool-result', i, [...at, 'output'], output);
    return;
  }
  output.forEach((part, j) => {
    if (part.type === 'input_text') out.add('tool', 'tool-result', i, [...at, 'output', j, 'text'], part.text);
  });
}

function readItem(out: SegmentCollector, item: ParsedItem, i: number): void {
  const at: RequestPath = ['input', i];
  switch (item.type) {
    case 'function_call':
      out.add('assistant', 'tool-call', i, [...at, 'arguments'], item.arguments);
      return;
    case 'custom_tool_call':
      out.add('assistant', 'tool-call', i, [...at, 'input'], item.input);
      return;
    case 'function_call_output':
    case 'custom_tool_call_output':
      readToolOutput(out, i, at, item.output);
      return;
    case 'reasoning':
      item.summary.forEach((part, j) => out.add('assistant', 'message', i, [...at, 'summary', j, 'text'], part.text));
      item.content?.forEach((part, j) => out.add('assistant', 'message', i, [...at, 'content', j, 'text'], part.text));
      return;
    case 'mcp_call':
      out.add('assistant', 'tool-call', i, [...at, 'arguments'], item.arguments);
      if (typeof item.output === 'string') out.add('tool', 'tool-result', i, [...at, 'output'], item.output);
      return;
    case 'local_shell_call_output':
    case 'apply_patch_call_output':
      if (typeof item.output === 'string') out.add('tool', 'tool-result', i, [...at, 'output'], item.output);
      return;
    case 'shell_call_output':
      item.output.forEach((chunk, j) => {
        out.add('tool', 'tool-result', i, [...at, 'output', j, 'stdout'], chunk.stdout);
        out.add('tool', 'tool-result', i, [...at, 'output', j, 'stderr'], chunk.stderr);
      });
      return;
  }
  if (!('role' in item) || item.role === undefined) return;
  const role = item.role;
  if (typeof item.content === 'string') {
    out.add(role, 'message', i, [...at, 'content'], item.content);
    return;
  }
  item.content.forEach((part, j) => {
    if (part.type === 'input_text' || part.type === 'output_text') out.add(role, 'message', i, [...at, 'content', j, 'text'], part.text);
    else if (part.type === 'refusal') out.add(role, 'message', i, [...at, 'content', j, 'refusal'], part.refusal);
  });
}

function read(request: Parsed, out: SegmentCollector): void {
  if (typeof request.instructions === 'string') out.add('system', 'instructions', null, ['instructions'], request.instructions);
  const input = request.input;
  if (typeof input === 'string') {
    out.add('user', 'message', null, ['input'], input);
    out.countMessages(['input'], 1);
  } else if (input !== undefined) {
    out.countMessages(['input'], input.length);
    input.forEach((item, i) => readItem(out, item, i));
  }
}

/** Reads OpenAI Responses requests. */
export const openAIResponses: FormatReader<Parsed> = { schema: openAIResponsesRequestSchema, read };
