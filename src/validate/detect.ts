import { InvalidInputError, type PromptwardIssue } from '../errors.js';
import { OPAQUE_BLOCKS } from './anthropic.js';
import type { RequestFormat } from './format.js';
import { isPlainObject } from './json-strings.js';
import type { RequestPath } from './segment.js';

type MessagesFormat = 'openai-chat' | 'anthropic' | 'ai-sdk';

const NAMES: Record<MessagesFormat, string> = { 'openai-chat': 'OpenAI Chat', anthropic: 'Anthropic', 'ai-sdk': 'AI SDK' };

const ANTHROPIC_BLOCKS = new Set<string>(['tool_use', 'tool_result', 'document', 'search_result', 'thinking', ...OPAQUE_BLOCKS]);
const OPENAI_PARTS = new Set(['image_url', 'input_audio', 'refusal']);
const AI_SDK_PARTS = new Set(['tool-call', 'tool-result', 'reasoning', 'tool-approval-request', 'tool-approval-response']);

/** A field or part only one format has, and where it was seen. */
interface Marker {
  format: MessagesFormat;
  path: RequestPath;
  what: string;
}

function partMarker(part: Record<string, unknown>, path: RequestPath): Marker | undefined {
  const type = part['type'];
  if (typeof type !== 'string') return undefined;
  const what = `a "${type}" part`;
  if (ANTHROPIC_BLOCKS.has(type) || 'cache_control' in part) return { format: 'anthropic', path, what };
  if (OPENAI_PARTS.has(type)) return { format: 'openai-chat', path, what };
  if (AI_SDK_PARTS.has(type) || 'providerOptions' in part) return { format: 'ai-sdk', path, what };
  if (type === 'image' && 'source' in part) return { format: 'anthropic', path, what: 'an image with "source"' };
  if (type === 'image' && 'image' in part) return { format: 'ai-sdk', path, what: 'an image with "image"' };
  if (type === 'file' && 'file' in part) return { format: 'openai-chat', path, what: 'a file with "file"' };
  if (type === 'file' && ('data' in part || 'mediaType' in part)) return { format: 'ai-sdk', path, what: 'a file with "data"' };
  return undefined;
}

function messageMarkers(message: Record<string, unknown>, path: RequestPath): Marker[] {
  const found: Marker[] = [];
  const role = message['role'];
  if (role === 'developer' || role === 'function') found.push({ format: 'openai-chat', path, what: `role "${role}"` });
  if (role === 'tool' && !('tool_call_id' in message)) found.push({ format: 'ai-sdk', path, what: 'role "tool" without "tool_call_id"' });
  for (const key of ['tool_calls', 'tool_call_id', 'function_call', 'refusal', 'name']) {
    if (key in message) found.push({ format: 'openai-chat', path, what: `"${key}"` });
  }
  if ('providerOptions' in message) found.push({ format: 'ai-sdk', path, what: '"providerOptions"' });
  const content = message['content'];
  if (Array.isArray(content)) {
    content.forEach((part: unknown, j) => {
      const marker = isPlainObject(part) ? partMarker(part, [...path, 'content', j]) : undefined;
      if (marker) found.push(marker);
    });
  }
  return found;
}

function systemMarkers(system: unknown): Marker[] {
  const blocks = Array.isArray(system) ? system : [system];
  if (blocks.some((block) => isPlainObject(block) && 'role' in block)) return [{ format: 'ai-sdk', path: ['system'], what: 'system messages with "role"' }];
  if (blocks.some((block) => isPlainObject(block) && block['type'] === 'text')) return [{ format: 'anthropic', path: ['system'], what: 'system text blocks' }];
  return [];
}

const ambiguous = (message: string, issues: PromptwardIssue[] = [{ path: [], message }]): InvalidInputError =>
  new InvalidInputError(`${message}; pass options.format`, { issues });

/**
 * Tells the format of a request body. The rules, in order:
 *
 * 1. An array is an AI SDK message list (`ModelMessage[]` or `LanguageModelV3Prompt`).
 * 2. An object with `input` or `instructions` is an OpenAI Responses request, unless it
 *    also has `messages` (ambiguous). So is an object whose `prompt` is a template
 *    reference object (`{ id }`).
 * 3. An object with a string or array `prompt` and no `messages` is an AI SDK prompt.
 * 4. An object with `messages` is told apart by what only one format has: Anthropic blocks
 *    (`tool_use`, `tool_result`, `document`, `thinking`, images with `source`,
 *    `cache_control`…) and system text blocks; OpenAI Chat roles `developer` and `function`,
 *    `tool_calls`, `tool_call_id`, `refusal`, `name`, `image_url`/`input_audio` parts and
 *    files with `file`; AI SDK parts `tool-call`, `tool-result`, `reasoning`, images with
 *    `image`, files with `data`, `providerOptions`, a `tool` role without `tool_call_id`
 *    and system messages with `role`. A top-level `system` rules out OpenAI Chat.
 *    Markers of two formats make the request ambiguous.
 * 5. With no marker, the messages are plain `{ role, content }` with string or text
 *    content, which every format reads alike: a top-level `system` with a string `model`
 *    makes it Anthropic, a top-level `system` without one the AI SDK, and no `system`
 *    OpenAI Chat.
 * 6. Anything else is ambiguous.
 *
 * Ambiguous requests throw an {@link InvalidInputError} asking for `options.format`.
 *
 * @example
 * detectFormat({ model: 'claude-sonnet-4-5', max_tokens: 256, system: 'Be brief.', messages: [] }); // 'anthropic'
 * detectFormat({ model: 'gpt-4.1', input: 'hi' }); // 'openai-responses'
 */
export function detectFormat(body: unknown): RequestFormat {
  if (Array.isArray(body)) return 'ai-sdk';
  if (!isPlainObject(body)) {
    throw new InvalidInputError('expected a request object or an AI SDK message array', {
      issues: [{ path: [], message: 'expected a request object or an AI SDK message array' }],
    });
  }
  const has = (key: string): boolean => body[key] !== undefined;
  if (has('messages') && (has('input') || has('instructions'))) {
    throw ambiguous('the request has both "messages" and "input" or "instructions"');
  }
  const prompt = body['prompt'];
  if (has('input') || has('instructions') || (isPlainObject(prompt) && 'id' in prompt)) return 'openai-responses';
  if (!has('messages')) {
    if (typeof prompt === 'string' || Array.isArray(prompt)) return 'ai-sdk';
    throw ambiguous('the request has no "messages", "input", "instructions" or "prompt"');
  }
  if (prompt !== undefined) return 'ai-sdk';

  const markers: Marker[] = [];
  if (has('system')) markers.push(...systemMarkers(body['system']));
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    messages.forEach((message: unknown, i) => {
      if (isPlainObject(message)) markers.push(...messageMarkers(message, ['messages', i]));
    });
  }
  const formats = new Set(markers.map((marker) => marker.format));
  if (formats.size > 1) {
    const first = [...formats].map((format) => markers.find((marker) => marker.format === format)!);
    throw ambiguous(
      `the request mixes ${first.map((m) => NAMES[m.format]).join(' and ')} shapes`,
      first.map((m) => ({ path: m.path, message: `${m.what} belongs to the ${NAMES[m.format]} format` })),
    );
  }
  const [only] = formats;
  if (only !== undefined) {
    if (only === 'openai-chat' && has('system')) {
      throw ambiguous('OpenAI Chat requests have no top-level "system"', [
        { path: ['system'], message: 'a top-level "system" belongs to the Anthropic and AI SDK formats' },
        ...markers.slice(0, 1).map((m) => ({ path: m.path, message: `${m.what} belongs to the OpenAI Chat format` })),
      ]);
    }
    return only;
  }
  if (!has('system')) return 'openai-chat';
  return typeof body['model'] === 'string' ? 'anthropic' : 'ai-sdk';
}
