import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOpenAI } from '../../src/adapters/openai/index.js';
import { ATTACK, type FakeLlm, frozenLimits, LEAKED_EMAIL, LEAKED_KEY, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const user = (content: string) => [{ role: 'user' as const, content }];

describe('guardOpenAI with the real openai SDK', () => {
  it('redacts a leaking JSON answer and leaves the passed client unguarded', async () => {
    const raw = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' });
    const openai = guardOpenAI(raw, { guard: pseudonymGuard() });
    const reply = await openai.chat.completions.create({ model: 'fake', messages: user('please leak') });
    expect(reply.choices[0]?.message.content).toBe('Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.');
    const unguarded = await raw.chat.completions.create({ model: 'fake', messages: user('please leak') });
    expect(unguarded.choices[0]?.message.content).toContain(LEAKED_EMAIL);
  });

  it('redacts an answer whose e-mail and key are split across many SSE events, ending with the finish chunk', async () => {
    const raw = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' });
    const unguarded: string[] = [];
    for await (const chunk of await raw.chat.completions.create({ model: 'fake', messages: user('please leak'), stream: true })) {
      unguarded.push(chunk.choices[0]?.delta.content ?? '');
    }
    expect(unguarded.join('')).toContain(LEAKED_EMAIL);
    expect(unguarded.some((d) => d.includes(LEAKED_EMAIL) || d.includes(LEAKED_KEY))).toBe(false);
    const openai = guardOpenAI(raw, { guard: pseudonymGuard() });
    const stream = await openai.chat.completions.create({ model: 'fake', messages: user('please leak'), stream: true });
    const deltas: string[] = [];
    const finishes: (string | null | undefined)[] = [];
    for await (const chunk of stream) {
      deltas.push(chunk.choices[0]?.delta.content ?? '');
      finishes.push(chunk.choices[0]?.finish_reason);
    }
    const text = deltas.join('');
    expect(text).toBe('Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.');
    expect(text).not.toContain(LEAKED_KEY);
    expect(finishes.at(-1)).toBe('stop');
  });

  it('sends pseudonyms to the model and restores them in the answer, streamed or not', async () => {
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard() });
    const reply = await openai.chat.completions.create({ model: 'fake', messages: user(`mail ${USER_EMAIL} about it`) });
    expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    expect(JSON.stringify(llm.requests.at(-1)?.body)).toContain('[EMAIL_1]');
    expect(reply.choices[0]?.message.content).toBe(`Noted, I will write to ${USER_EMAIL} right away.`);
    const stream = await openai.chat.completions.create({ model: 'fake', messages: user(`mail ${USER_EMAIL}`), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(`Noted, I will write to ${USER_EMAIL} right away.`);
  });

  it('refuses a blocked prompt with BadRequestError 400 PW_BLOCKED, without calling the model or retrying', async () => {
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard() });
    const before = llm.requests.length;
    const error = await openai.chat.completions.create({ model: 'fake', messages: user(ATTACK) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'PW_BLOCKED' });
    expect(llm.requests.length).toBe(before);
  });

  it('answers 429 RateLimitError with RateLimit, RateLimit-Policy and Retry-After once the budget is spent', async () => {
    const limits = frozenLimits(2);
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard(), limiter: limits.limiter });
    await openai.chat.completions.create({ model: 'fake', messages: user('hi') });
    await openai.chat.completions.create({ model: 'fake', messages: user('hi') });
    const error = await openai.chat.completions.create({ model: 'fake', messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect([headers.get('retry-after'), headers.get('ratelimit'), headers.get('ratelimit-policy')]).toEqual(['30', '"requests";r=0;t=60', '"requests";q=2;w=60']);
    expect(error).toMatchObject({ status: 429, code: 'PW_RATE_LIMITED' });
  });

  it('settles the token reservation with the usage of a JSON answer and of a stream', async () => {
    const limits = frozenLimits();
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard(), ...limits });
    await openai.chat.completions.create({ model: 'fake', messages: user('hi'), max_tokens: 200 });
    expect(await tokensLeft(limits)).toBe(950);
    const stream = await openai.chat.completions.create({ model: 'fake', messages: user('hi'), max_tokens: 200, stream: true });
    for await (const _ of stream) expect(await tokensLeft(limits)).toBeLessThan(950);
    expect(await tokensLeft(limits)).toBe(900);
    expect(llm.requests.at(-1)?.body['stream_options']).toEqual({ include_usage: true });
  });

  it('cuts a stream that leaks a canary with an APIError PW_BLOCKED', async () => {
    const guard = pseudonymGuard();
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard });
    const messages = [{ role: 'system' as const, content: `Be kind. ${guard.canary()}` }, { role: 'user' as const, content: 'please recap' }];
    const stream = await openai.chat.completions.create({ model: 'fake', messages, stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ code: 'PW_BLOCKED' });
    expect(text).not.toContain('pwc-');
  });

  it('guards responses.create: JSON, and streamed deltas, done events and the completed response alike', async () => {
    const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard() });
    const expected = 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.';
    expect((await openai.responses.create({ model: 'fake', input: 'please leak' })).output_text).toBe(expected);
    const stream = await openai.responses.create({ model: 'fake', input: 'please leak', stream: true });
    let deltas = '';
    const texts: string[] = [];
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas += event.delta;
      if (event.type === 'response.output_text.done') texts.push(event.text);
      if (event.type === 'response.completed') texts.push(JSON.stringify(event.response.output).includes(expected) ? expected : 'leak');
    }
    expect([deltas, ...texts]).toEqual([expected, expected, expected]);
  });

  describe('every text the model writes, not only the message content', () => {
    const REDACTED = 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.';
    const tools = [{ type: 'function' as const, function: { name: 'send', parameters: { type: 'object', properties: { text: { type: 'string' } } } } }];
    const client = () => guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard: pseudonymGuard() });

    it('empties logprobs of JSON answers and of every event, which repeat the answer token by token', async () => {
      const raw = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' });
      const openai = guardOpenAI(raw, { guard: pseudonymGuard() });
      const include = ['message.output_text.logprobs' as const];
      /** Every logprob token in a value, joined: the answer, for a client that asked for them. */
      const tokens = (value: unknown): string => JSON.stringify(value).match(/"token":"[^"]*"/g)?.join('') ?? '';
      const collect = async (iterable: AsyncIterable<unknown>): Promise<unknown[]> => {
        const out: unknown[] = [];
        for await (const item of iterable) out.push(item);
        return out;
      };
      expect(tokens(await collect(await raw.chat.completions.create({ model: 'fake', messages: user('please leak'), logprobs: true, stream: true })))).toContain('"token":"AKI"');
      const reply = await openai.chat.completions.create({ model: 'fake', messages: user('please leak'), logprobs: true });
      expect(reply.choices[0]?.message.content).toBe(REDACTED);
      expect(reply.choices[0]?.logprobs).toBeNull();
      const chunks = await collect(await openai.chat.completions.create({ model: 'fake', messages: user('please leak'), logprobs: true, stream: true }));
      expect(chunks.every((c) => (c as { choices: { logprobs?: unknown }[] }).choices.every((choice) => choice.logprobs == null))).toBe(true);
      const response = await openai.responses.create({ model: 'fake', input: 'please leak', include });
      expect(response.output_text).toBe(REDACTED);
      const events = await collect(await openai.responses.create({ model: 'fake', input: 'please leak', include, stream: true }));
      expect(tokens(await collect(await raw.responses.create({ model: 'fake', input: 'please leak', include, stream: true })))).toContain('"token":"AKI"');
      expect([tokens(reply), tokens(chunks), tokens(response), tokens(events)]).toEqual(['', '', '', '']);
    });

    it('filters Chat tool call arguments (JSON and streamed) into arguments that still parse, and refusals', async () => {
      const openai = client();
      const reply = await openai.chat.completions.create({ model: 'fake', messages: user('please leak'), tools });
      const args = reply.choices[0]?.message.tool_calls?.[0];
      expect(args?.type === 'function' && JSON.parse(args.function.arguments)).toEqual({ text: REDACTED });
      const final = await openai.chat.completions.stream({ model: 'fake', messages: user('please leak'), tools }).finalChatCompletion();
      const streamed = final.choices[0]?.message.tool_calls?.[0];
      expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual({ text: REDACTED });
      expect((await openai.chat.completions.create({ model: 'fake', messages: user('please leak, then refuse') })).choices[0]?.message.refusal).toBe(REDACTED);
      const refusal = await openai.chat.completions.create({ model: 'fake', messages: user(`refuse to mail ${USER_EMAIL}`), stream: true });
      let text = '';
      for await (const chunk of refusal) text += chunk.choices[0]?.delta.refusal ?? '';
      expect(text).toBe(`Noted, I will write to ${USER_EMAIL} right away.`);
      expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    });

    it('blocks tool call arguments that leak a canary, JSON or streamed', async () => {
      const guard = pseudonymGuard();
      const openai = guardOpenAI(new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }), { guard });
      const messages = [{ role: 'system' as const, content: `Be kind. ${guard.canary()}` }, { role: 'user' as const, content: 'please recap' }];
      const error = await openai.chat.completions.create({ model: 'fake', messages, tools }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(error).toMatchObject({ status: 403, code: 'PW_BLOCKED' });
      const chunks: unknown[] = [];
      const cut = await (async () => {
        for await (const chunk of await openai.chat.completions.create({ model: 'fake', messages, tools, stream: true })) chunks.push(chunk);
      })().catch((e: unknown) => e);
      expect(cut).toMatchObject({ code: 'PW_BLOCKED' });
      expect(JSON.stringify(chunks)).not.toContain('pwc-');
    });

    it('filters Responses function call arguments: deltas, the done event, the item and the completed response', async () => {
      const openai = client();
      const responseTools = [{ type: 'function' as const, name: 'send', parameters: null, strict: false }];
      const reply = await openai.responses.create({ model: 'fake', input: 'please leak', tools: responseTools });
      const call = reply.output[0];
      expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ text: REDACTED });
      let deltas = '';
      const whole: string[] = [];
      const events: unknown[] = [];
      for await (const event of await openai.responses.create({ model: 'fake', input: 'please leak', tools: responseTools, stream: true })) {
        events.push(event);
        if (event.type === 'response.function_call_arguments.delta') deltas += event.delta;
        if (event.type === 'response.function_call_arguments.done') whole.push(event.arguments);
        if (event.type === 'response.output_item.done' && event.item.type === 'function_call') whole.push(event.item.arguments);
        if (event.type === 'response.completed') whole.push(...event.response.output.map((item) => (item.type === 'function_call' ? item.arguments : '')));
      }
      const expected = JSON.stringify({ text: REDACTED });
      expect([deltas, ...whole]).toEqual([expected, expected, expected, expected]);
      expect(JSON.stringify(events)).not.toMatch(/alice|AKIA/);
    });
  });
});
