import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, simulateReadableStream, streamText, tool, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptwardMiddleware } from '../../src/adapters/ai-sdk/index.js';
import { ATTACK, type FakeLlm, frozenLimits, LEAKED_EMAIL, LEAKED_KEY, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const REDACTED = 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.';

describe('promptwardMiddleware with the AI SDK and @ai-sdk/openai (chat model)', () => {
  const guard = pseudonymGuard();
  const model = (options: Partial<Parameters<typeof promptwardMiddleware>[0]> = {}) =>
    wrapLanguageModel({
      model: createOpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }).chat('fake'),
      middleware: promptwardMiddleware({ guard, ...options }),
    });

  it('generateText: redacts the answer and settles the usage', async () => {
    const limits = frozenLimits();
    const { text, usage } = await generateText({ model: model(limits), prompt: 'please leak' });
    expect(text).toBe(REDACTED);
    expect(usage.totalTokens).toBe(50);
    expect(await tokensLeft(limits)).toBe(950);
  });

  it('streamText: sends pseudonyms, restores them across deltas, keeps part order, settles the finish usage', async () => {
    const limits = frozenLimits();
    const result = streamText({ model: model(limits), prompt: `Please write to ${USER_EMAIL}.` });
    const kinds: string[] = [];
    for await (const part of result.fullStream) kinds.push(part.type);
    expect(await result.text).toBe(`Noted, I will write to ${USER_EMAIL} right away.`);
    expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    expect(kinds.filter((k) => k !== 'text-delta')).toEqual(['start', 'start-step', 'text-start', 'text-end', 'finish-step', 'finish']);
    expect(kinds.indexOf('text-delta')).toBeGreaterThan(kinds.indexOf('text-start'));
    expect(await tokensLeft(limits)).toBe(950);
  });

  it('streamText: the whole redacted text for any chunk size of the provider stream', async () => {
    for (const chunkSize of [1, 2, 5, 17]) {
      const small = await startFakeLlm({ chunkSize });
      try {
        const wrapped = wrapLanguageModel({ model: createOpenAI({ baseURL: small.openaiBaseURL, apiKey: 'sk-dummy' }).chat('fake'), middleware: promptwardMiddleware({ guard }) });
        expect(await streamText({ model: wrapped, prompt: 'please leak' }).text).toBe(REDACTED);
      } finally {
        await small.close();
      }
    }
  });

  it('throws the BlockedError (400 PW_BLOCKED) for a blocked prompt, before the provider is called', async () => {
    const before = llm.requests.length;
    await expect(generateText({ model: model(), prompt: ATTACK, maxRetries: 0 })).rejects.toMatchObject({ code: 'PW_BLOCKED', statusCode: 400 });
    expect(llm.requests.length).toBe(before);
  });

  it('ends a stream that leaks a canary with an error part (403 PW_BLOCKED)', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: model(),
      system: `Be kind. ${guard.canary()}`,
      prompt: 'please recap',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const parts: { type: string; error?: unknown }[] = [];
    for await (const part of result.fullStream) parts.push(part);
    const error = parts.find((p) => p.type === 'error');
    expect(error?.error).toMatchObject({ code: 'PW_BLOCKED', statusCode: 403 });
    expect(errors).toHaveLength(1);
    expect(parts.some((p) => p.type === 'text-delta' && JSON.stringify(p).includes('pwc-'))).toBe(false);
  });

  it('filters tool call inputs (generate and stream) into inputs that still parse, and blocks a canary in one', async () => {
    const tools = { send: tool({ inputSchema: jsonSchema<{ text: string }>({ type: 'object', properties: { text: { type: 'string' } } }), execute: async () => 'sent' }) };
    const generated = await generateText({ model: model(), prompt: 'please leak', tools });
    expect(generated.toolCalls.map((c) => c.input)).toEqual([{ text: REDACTED }]);
    const streamed = streamText({ model: model(), prompt: 'please leak', tools });
    const deltas: string[] = [];
    for await (const part of streamed.fullStream) if (part.type === 'tool-input-delta') deltas.push(part.delta);
    expect(JSON.parse(deltas.join(''))).toEqual({ text: REDACTED });
    expect((await streamed.toolCalls).map((c) => c.input)).toEqual([{ text: REDACTED }]);
    const system = `Be kind. ${guard.canary()}`;
    await expect(generateText({ model: model(), system, prompt: 'please recap', tools })).rejects.toMatchObject({ code: 'PW_BLOCKED', statusCode: 403 });
    const parts: unknown[] = [];
    for await (const part of streamText({ model: model(), system, prompt: 'please recap', tools, onError: () => undefined }).fullStream) parts.push(part);
    expect(parts.some((p) => (p as { type: string }).type === 'error')).toBe(true);
    // The request echoed in start-step holds the canary on purpose; the model's parts must not.
    expect(JSON.stringify(parts.filter((p) => (p as { type: string }).type !== 'start-step'))).not.toContain('pwc-');
  });

  it('filters reasoning, generated and streamed, with the AI SDK mock model', async () => {
    const thought = `The key is ${LEAKED_KEY}, mail ${LEAKED_EMAIL}.`;
    const filtered = 'The key is [AWS_ACCESS_KEY_ID_1], mail [EMAIL_1].';
    const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'reasoning', text: thought }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'reasoning-start', id: 'r' },
            ...thought.match(/.{1,3}/g)!.map((delta) => ({ type: 'reasoning-delta' as const, id: 'r', delta })),
            { type: 'reasoning-end', id: 'r' },
            { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
          ],
        }),
      }),
    });
    const wrapped = wrapLanguageModel({ model: mock, middleware: promptwardMiddleware({ guard }) });
    expect((await generateText({ model: wrapped, prompt: 'think' })).reasoningText).toBe(filtered);
    const streamed = streamText({ model: wrapped, prompt: 'think' });
    const parts: unknown[] = [];
    for await (const part of streamed.fullStream) parts.push(part);
    expect(await streamed.reasoningText).toBe(filtered);
    expect(JSON.stringify(parts)).not.toMatch(/alice|AKIA/);
  });
});
