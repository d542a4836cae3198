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
});
