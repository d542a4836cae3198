import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptwardMiddleware } from '../../src/adapters/ai-sdk/index.js';
import { ATTACK, type FakeLlm, frozenLimits, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

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
});
