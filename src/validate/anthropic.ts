import { z } from 'zod';
import type { SegmentCollector } from './collector.js';
import type { FormatReader } from './format.js';
import type { RequestPath, SegmentRole } from './segment.js';

// Objects are not strict: fields this module does not read (cache_control, citations,
// new SDK fields) pass without a check.

const Text = z.object({ type: z.literal('text'), text: z.string() });
const Image = z.object({ type: z.literal('image') });

const DocumentSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), data: z.string() }),
  z.object({ type: z.literal('content'), content: z.union([z.string(), z.array(z.discriminatedUnion('type', [Text, Image]))]) }),
  z.object({ type: z.enum(['base64', 'url', 'file']) }),
]);
const Document = z.object({
  type: z.literal('document'),
  source: DocumentSource,
  title: z.string().nullish(),
  context: z.string().nullish(),
});
const SearchResult = z.object({ type: z.literal('search_result'), title: z.string(), content: z.array(Text) });

const ToolResult = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z
    .union([
      z.string(),
      z.array(z.discriminatedUnion('type', [Text, Image, Document, SearchResult, z.object({ type: z.enum(['tool_reference', 'browser_state']) })])),
    ])
    .optional(),
});

/** Block types whose text promptward does not read: server tool traffic, redacted thinking, uploads. */
export const OPAQUE_BLOCKS = [
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
] as const;

const Block = z.discriminatedUnion('type', [
  Text,
  Image,
  Document,
  SearchResult,
  z.object({ type: z.literal('thinking'), thinking: z.string() }),
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  ToolResult,
  z.object({ type: z.enum(OPAQUE_BLOCKS) }),
]);

const Message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(Block)]) }),
  z.object({ role: z.literal('assistant'), content: z.union([z.string(), z.array(Block)]) }),
  z.object({ role: z.literal('system'), content: z.union([z.string(), z.array(Text)]) }),
]);

/**
 * An Anthropic Messages request body (`client.messages.create(params)`): a top-level
 * `system`, and `messages` whose content is a string or blocks (text, image, document,
 * search result, thinking, tool use, tool result, server tool blocks).
 *
 * @example
 * anthropicRequestSchema.parse({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
 */
export const anthropicRequestSchema = z.object({
  system: z.union([z.string(), z.array(Text)]).optional(),
  messages: z.array(Message),
});

/** An Anthropic Messages request, as far as promptward reads it. */
export type AnthropicRequest = z.input<typeof anthropicRequestSchema>;

type Parsed = z.output<typeof anthropicRequestSchema>;
type ParsedBlock = z.output<typeof Block>;
type ParsedToolResult = z.output<typeof ToolResult>;

function readTexts(out: SegmentCollector, role: SegmentRole, source: 'message' | 'instructions', index: number | null, at: RequestPath, content: string | readonly { text: string }[]): void {
  if (typeof content === 'string') out.add(role, source, index, at, content);
  else content.forEach((block, j) => out.add(role, source, index, [...at, j, 'text'], block.text));
}

function readDocument(out: SegmentCollector, role: SegmentRole, i: number, at: RequestPath, block: z.output<typeof Document>): void {
  if (typeof block.title === 'string') out.add(role, 'document', i, [...at, 'title'], block.title);
  if (typeof block.context === 'string') out.add(role, 'document', i, [...at, 'context'], block.context);
  const source = block.source;
  if (source.type === 'text') out.add(role, 'document', i, [...at, 'source', 'data'], source.data);
  else if (source.type === 'content') {
    const content = source.content;
    if (typeof content === 'string') out.add(role, 'document', i, [...at, 'source', 'content'], content);
    else content.forEach((part, j) => { if (part.type === 'text') out.add(role, 'document', i, [...at, 'source', 'content', j, 'text'], part.text); });
  }
}

function readSearchResult(out: SegmentCollector, role: SegmentRole, i: number, at: RequestPath, block: z.output<typeof SearchResult>): void {
  out.add(role, 'document', i, [...at, 'title'], block.title);
  block.content.forEach((part, j) => out.add(role, 'document', i, [...at, 'content', j, 'text'], part.text));
}

function readToolResult(out: SegmentCollector, i: number, at: RequestPath, block: ParsedToolResult): void {
  const content = block.content;
  if (content === undefined) return;
  if (typeof content === 'string') {
    out.add('tool', 'tool-result', i, [...at, 'content'], content);
    return;
  }
  content.forEach((part, j) => {
    const partPath: RequestPath = [...at, 'content', j];
    if (part.type === 'text') out.add('tool', 'tool-result', i, [...partPath, 'text'], part.text);
    else if (part.type === 'document') readDocument(out, 'tool', i, partPath, part);
    else if (part.type === 'search_result') readSearchResult(out, 'tool', i, partPath, part);
  });
}

function readBlock(out: SegmentCollector, role: SegmentRole, i: number, at: RequestPath, block: ParsedBlock): void {
  switch (block.type) {
    case 'text':
      out.add(role, 'message', i, [...at, 'text'], block.text);
      return;
    case 'thinking':
      out.add(role, 'message', i, [...at, 'thinking'], block.thinking);
      return;
    case 'document':
      readDocument(out, role, i, at, block);
      return;
    case 'search_result':
      readSearchResult(out, role, i, at, block);
      return;
    case 'tool_use':
      out.addStrings('assistant', 'tool-call', i, [...at, 'input'], block.input);
      return;
    case 'tool_result':
      readToolResult(out, i, at, block);
      return;
  }
}

function read(request: Parsed, out: SegmentCollector): void {
  if (request.system !== undefined) readTexts(out, 'system', 'instructions', null, ['system'], request.system);
  out.countMessages(['messages'], request.messages.length);
  request.messages.forEach((message, i) => {
    const at: RequestPath = ['messages', i, 'content'];
    if (message.role === 'system') {
      readTexts(out, 'system', 'message', i, at, message.content);
      return;
    }
    const content = message.content;
    if (typeof content === 'string') out.add(message.role, 'message', i, at, content);
    else content.forEach((block, j) => readBlock(out, message.role, i, [...at, j], block));
  });
}

/** Reads Anthropic Messages requests. */
export const anthropic: FormatReader<Parsed> = { schema: anthropicRequestSchema, read };
