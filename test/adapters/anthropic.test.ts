import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardAnthropic } from '../../src/adapters/anthropic/index.js';
import { ATTACK, type FakeLlm, frozenLimits, LEAKED_EMAIL, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const REDACTED = 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.';
const ask = (content: string) => ({ model: 'fake', max_tokens: 100, messages: [{ role: 'user' as const, content }] });

describe('guardAnthropic with the real @anthropic-ai/sdk', () => {
  const guard = pseudonymGuard();
  const client = (options: Partial<Parameters<typeof guardAnthropic>[1]> = {}) =>
    guardAnthropic(new Anthropic({ baseURL: llm.url, apiKey: 'dummy' }), { guard, ...options });

  it('redacts a JSON message and a streamed one whose leak spans many text_delta events', async () => {
    const anthropic = client();
    const message = await anthropic.messages.create(ask('please leak'));
    expect(message.content).toEqual([{ type: 'text', text: REDACTED }]);
    const events: string[] = [];
    let text = '';
    for await (const event of await anthropic.messages.create({ ...ask('please leak'), stream: true })) {
      events.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    expect(text).toBe(REDACTED);
    expect(text).not.toContain(LEAKED_EMAIL);
    // Events keep their order; the filtered deltas sit between the block's start and stop.
    expect(events[0]).toBe('message_start');
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('restores pseudonyms through messages.stream()', async () => {
    const final = await client().messages.stream(ask(`write to ${USER_EMAIL}`)).finalMessage();
    expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    expect(final.content).toEqual([{ type: 'text', text: `Noted, I will write to ${USER_EMAIL} right away.` }]);
  });

  it('refuses a blocked prompt with BadRequestError 400 whose body carries PW_BLOCKED', async () => {
    const error = await client().messages.create(ask(ATTACK)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', code: 'PW_BLOCKED' } } });
  });

  it('answers 429 with the rate-limit headers and settles streamed usage (input from message_start, output from message_delta)', async () => {
    const limits = frozenLimits(2);
    const anthropic = client(limits);
    for await (const _ of await anthropic.messages.create({ ...ask('hi'), stream: true })) expect(_).toBeDefined();
    expect(await tokensLeft(limits)).toBe(950);
    await anthropic.messages.create(ask('hi'));
    expect(await tokensLeft(limits)).toBe(900);
    const error = await anthropic.messages.create(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const headers = (error as InstanceType<typeof Anthropic.RateLimitError>).headers;
    expect(headers.get('retry-after')).toBe('30');
    expect(headers.get('ratelimit-policy')).toBe('"requests";q=2;w=60');
  });

  it('cuts a stream that leaks a canary with the API error event, raised as an APIError', async () => {
    const stream = await client().messages.create({ ...ask('please recap'), system: `Be kind. ${guard.canary()}`, stream: true });
    const error = await (async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') expect(event.delta.text).not.toContain('pwc-');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ error: { error: { code: 'PW_BLOCKED', type: 'permission_error' } } });
  });

  it('filters thinking and tool_use input, JSON and streamed (input_json_delta stays valid JSON)', async () => {
    const anthropic = client();
    const tools = [{ name: 'send', input_schema: { type: 'object' as const, properties: { text: { type: 'string' } } } }];
    const request = { ...ask('please leak'), tools, thinking: { type: 'enabled' as const, budget_tokens: 1024 } };
    const message = await anthropic.messages.create(request);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: REDACTED, signature: 'sig-fake' },
      { type: 'tool_use', id: 'toolu_fake', name: 'send', input: { text: REDACTED } },
    ]);
    const streamed = await anthropic.messages.stream(request).finalMessage();
    expect(streamed.content).toEqual(message.content);
  });

  it('blocks a tool input or thinking that leaks a canary, JSON or streamed', async () => {
    const anthropic = client();
    const tools = [{ name: 'send', input_schema: { type: 'object' as const } }];
    const request = { ...ask('please recap'), system: `Be kind. ${guard.canary()}`, tools, thinking: { type: 'enabled' as const, budget_tokens: 1024 } };
    const error = await anthropic.messages.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const events: unknown[] = [];
    const cut = await (async () => {
      for await (const event of await anthropic.messages.create({ ...request, stream: true })) events.push(event);
    })().catch((e: unknown) => e);
    expect(cut).toMatchObject({ error: { error: { code: 'PW_BLOCKED', type: 'permission_error' } } });
    expect(JSON.stringify(events)).not.toContain('pwc-');
  });
});
