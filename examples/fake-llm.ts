/**
 * A fake LLM server on loopback for the examples and the adapter tests: it speaks the OpenAI
 * Chat Completions and Responses wire formats (`/v1/chat/completions`, `/v1/responses`) and
 * Anthropic Messages (`/v1/messages`), as JSON or as server-sent events, with usage. Answers
 * stream a few characters per event, so every e-mail or key spans several events.
 *
 * The default script answers by what the last user text asks for:
 * - "leak" → an answer with {@link LEAKED_EMAIL} and {@link LEAKED_KEY};
 * - "recap" → the system prompt, word for word (a canary leak, had it held one);
 * - placeholder tokens like `[EMAIL_1]` → an answer that uses them again;
 * - anything else → `You said: <text>`.
 *
 * The answer's shape follows the request, as the real APIs do: a request offering tools gets
 * the answer as the call of its first tool (`{"text": answer}` as arguments or input); a Chat
 * prompt saying "refuse" gets it as a `refusal`; Anthropic `thinking: { type: 'enabled' }`
 * adds a thinking block that repeats it; Chat `logprobs: true` and Responses `include:
 * ['message.output_text.logprobs']` add one logprob per streamed piece.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The e-mail address the fake leaks. */
export const LEAKED_EMAIL = 'alice@example.com';
/** The AWS access key the fake leaks (AWS's documented example key). */
export const LEAKED_KEY = 'AKIAIOSFODNN7EXAMPLE';

/** What the fake read from a request: its system text and its last user text. */
export interface FakePrompt {
  system: string;
  user: string;
}

export interface FakeLlmOptions {
  /** The answer to a prompt. Default: the script described above. */
  answer?: (prompt: FakePrompt) => string;
  /** Characters per streamed text event. Default 3. */
  chunkSize?: number;
  /** The usage every answer reports. Default 20 input and 30 output tokens. */
  usage?: { input: number; output: number };
}

/** A request the fake received. */
export interface FakeRequest {
  path: string;
  body: Record<string, unknown>;
}

export interface FakeLlm {
  /** `http://127.0.0.1:<port>`: the Anthropic SDK's `baseURL`. */
  url: string;
  /** `<url>/v1`: the OpenAI SDK's and the AI SDK's `baseURL`. */
  openaiBaseURL: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** The default script. */
export function scriptedAnswer({ system, user }: FakePrompt): string {
  if (/\bleak\b/i.test(user)) return `Sure. Mail ${LEAKED_EMAIL} and use the key ${LEAKED_KEY} to deploy.`;
  if (/\brecap\b/i.test(user)) return `Our setup: ${system}`;
  const tokens = user.match(/\[[A-Z][A-Z0-9_]*_\d+\]/g);
  if (tokens !== null) return `Noted, I will write to ${tokens.join(' and ')} right away.`;
  return `You said: ${user}`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a content field: a string, or text parts / blocks. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isObject)
    .map((p) => (typeof p['text'] === 'string' ? p['text'] : ''))
    .join('');
}

function promptOf(path: string, body: Json): FakePrompt {
  const messages = (Array.isArray(body['messages']) ? body['messages'] : Array.isArray(body['input']) ? body['input'] : []).filter(isObject);
  const system = [
    path.endsWith('/messages') ? textOf(body['system']) : '',
    typeof body['instructions'] === 'string' ? body['instructions'] : '',
    ...messages.filter((m) => m['role'] === 'system' || m['role'] === 'developer').map((m) => textOf(m['content'])),
  ].join('');
  const users = messages.filter((m) => m['role'] === 'user');
  const user = typeof body['input'] === 'string' ? body['input'] : textOf(users[users.length - 1]?.['content']);
  return { system, user };
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sse = (data: unknown, event?: string): string => `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** The name of the first tool a request offers (any of the three APIs), if any. */
function firstTool(body: Json): string | undefined {
  const tool = Array.isArray(body['tools']) ? body['tools'].find(isObject) : undefined;
  if (tool === undefined) return undefined;
  const name = isObject(tool['function']) ? tool['function']['name'] : tool['name'];
  return typeof name === 'string' ? name : undefined;
}

/** Logprobs of a piece of text, one token per piece, in the shape both OpenAI APIs use. */
const logprobsOf = (pieces: string[]): Json[] => pieces.map((token) => ({ token, logprob: -0.1, bytes: [...Buffer.from(token)], top_logprobs: [] }));

function chat(body: Json, text: string, parts: string[], usage: { input: number; output: number }, size: number): { json?: Json; events?: string[] } {
  const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model: String(body['model']) };
  const u = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
  const tool = firstTool(body);
  const args = JSON.stringify({ text });
  const refuse = /\brefuse\b/i.test(promptOf('/v1/chat/completions', body).user);
  const wantLogprobs = body['logprobs'] === true;
  if (body['stream'] !== true) {
    const message =
      tool !== undefined
        ? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_fake', type: 'function', function: { name: tool, arguments: args } }] }
        : refuse
          ? { role: 'assistant', content: null, refusal: text }
          : { role: 'assistant', content: text, refusal: null };
    const logprobs = wantLogprobs ? { content: logprobsOf(parts), refusal: null } : null;
    return { json: { ...base, object: 'chat.completion', choices: [{ index: 0, message, logprobs, finish_reason: tool === undefined ? 'stop' : 'tool_calls' }], usage: u } };
  }
  const chunk = (choices: Json[], extra: Json = {}): string => sse({ ...base, object: 'chat.completion.chunk', choices, ...extra });
  const withUsage = isObject(body['stream_options']) && body['stream_options']['include_usage'] === true;
  const deltas: Json[] =
    tool !== undefined
      ? [
          { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_fake', type: 'function', function: { name: tool, arguments: '' } }] },
          ...chunks(args, size).map((p) => ({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
        ]
      : [{ role: 'assistant', content: '' }, ...parts.map((p) => (refuse ? { refusal: p } : { content: p }))];
  return {
    events: [
      ...deltas.map((delta, i) =>
        chunk([{ index: 0, delta, ...(wantLogprobs && i > 0 && tool === undefined ? { logprobs: { content: logprobsOf([parts[i - 1]!]), refusal: null } } : {}), finish_reason: null }]),
      ),
      chunk([{ index: 0, delta: {}, finish_reason: tool === undefined ? 'stop' : 'tool_calls' }]),
      ...(withUsage ? [chunk([], { usage: u })] : []),
      sse('[DONE]'),
    ],
  };
}

function responses(body: Json, text: string, parts: string[], usage: { input: number; output: number }, size: number): { json?: Json; events?: string[] } {
  const tool = firstTool(body);
  const args = JSON.stringify({ text });
  const wantLogprobs = Array.isArray(body['include']) && body['include'].includes('message.output_text.logprobs');
  const logprobs = (pieces: string[]): Json => (wantLogprobs ? { logprobs: logprobsOf(pieces) } : {});
  const item = (t: string, status: string): Json =>
    tool !== undefined
      ? { type: 'function_call', id: 'fc_fake', call_id: 'call_fake', name: tool, arguments: status === 'completed' ? args : '', status }
      : { type: 'message', id: 'msg_fake', status, role: 'assistant', content: [{ type: 'output_text', text: t, annotations: [], ...logprobs(status === 'completed' ? parts : []) }] };
  const response = (status: string, output: Json[]): Json => ({
    id: 'resp_fake',
    object: 'response',
    created_at: 1_700_000_000,
    status,
    model: String(body['model']),
    output,
    usage: status === 'completed' ? { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output } : null,
  });
  if (body['stream'] !== true) return { json: response('completed', [item(text, 'completed')]) };
  let sequence = 0;
  const event = (type: string, data: Json): string => sse({ type, ...data, sequence_number: sequence++ }, type);
  if (tool !== undefined) {
    const at = { item_id: 'fc_fake', output_index: 0 };
    return {
      events: [
        event('response.created', { response: response('in_progress', []) }),
        event('response.output_item.added', { output_index: 0, item: item('', 'in_progress') }),
        ...chunks(args, size).map((p) => event('response.function_call_arguments.delta', { ...at, delta: p })),
        event('response.function_call_arguments.done', { ...at, arguments: args }),
        event('response.output_item.done', { output_index: 0, item: item(text, 'completed') }),
        event('response.completed', { response: response('completed', [item(text, 'completed')]) }),
      ],
    };
  }
  const at = { item_id: 'msg_fake', output_index: 0, content_index: 0 };
  return {
    events: [
      event('response.created', { response: response('in_progress', []) }),
      event('response.output_item.added', { output_index: 0, item: { ...item('', 'in_progress'), content: [] } }),
      event('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } }),
      ...parts.map((p) => event('response.output_text.delta', { ...at, delta: p, ...logprobs([p]) })),
      event('response.output_text.done', { ...at, text, ...logprobs(parts) }),
      event('response.content_part.done', { ...at, part: { type: 'output_text', text, annotations: [], ...logprobs(parts) } }),
      event('response.output_item.done', { output_index: 0, item: item(text, 'completed') }),
      event('response.completed', { response: response('completed', [item(text, 'completed')]) }),
    ],
  };
}

function messages(body: Json, text: string, parts: string[], usage: { input: number; output: number }, size: number): { json?: Json; events?: string[] } {
  const message = { id: 'msg_fake', type: 'message', role: 'assistant', model: String(body['model']), stop_sequence: null };
  const tool = firstTool(body);
  const thinking = isObject(body['thinking']) && body['thinking']['type'] === 'enabled';
  // With thinking on, the model thinks the answer through first, word for word.
  const blocks: Json[] = [
    ...(thinking ? [{ type: 'thinking', thinking: text, signature: 'sig-fake' }] : []),
    tool !== undefined ? { type: 'tool_use', id: 'toolu_fake', name: tool, input: { text } } : { type: 'text', text },
  ];
  const stopReason = tool === undefined ? 'end_turn' : 'tool_use';
  if (body['stream'] !== true) {
    return { json: { ...message, content: blocks, stop_reason: stopReason, usage: { input_tokens: usage.input, output_tokens: usage.output } } };
  }
  const event = (type: string, data: Json): string => sse({ type, ...data }, type);
  const blockEvents = (block: Json, index: number): string[] => {
    const [start, deltas]: [Json, Json[]] =
      block['type'] === 'thinking'
        ? [{ type: 'thinking', thinking: '' }, [...parts.map((p) => ({ type: 'thinking_delta', thinking: p })), { type: 'signature_delta', signature: 'sig-fake' }]]
        : block['type'] === 'tool_use'
          ? [{ ...block, input: {} }, chunks(JSON.stringify(block['input']), size).map((p) => ({ type: 'input_json_delta', partial_json: p }))]
          : [{ type: 'text', text: '' }, parts.map((p) => ({ type: 'text_delta', text: p }))];
    return [
      event('content_block_start', { index, content_block: start }),
      ...deltas.map((delta) => event('content_block_delta', { index, delta })),
      event('content_block_stop', { index }),
    ];
  };
  return {
    events: [
      event('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.input, output_tokens: 1 } } }),
      event('ping', {}),
      ...blocks.flatMap(blockEvents),
      event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output } }),
      event('message_stop', {}),
    ],
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/**
 * Starts the fake on a free loopback port.
 *
 * @example
 * const llm = await startFakeLlm();
 * const openai = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' });
 * await llm.close();
 */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const answer = options.answer ?? scriptedAnswer;
  const size = options.chunkSize ?? 3;
  const usage = options.usage ?? { input: 20, output: 30 };
  const requests: FakeRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const build = path === '/v1/chat/completions' ? chat : path === '/v1/responses' ? responses : path === '/v1/messages' ? messages : undefined;
    if (req.method !== 'POST' || build === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as Json;
    requests.push({ path, body });
    const text = answer(promptOf(path, body));
    const out = build(body, text, chunks(text, size), usage, size);
    if (out.json !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out.json));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const e of out.events ?? []) res.write(e);
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
