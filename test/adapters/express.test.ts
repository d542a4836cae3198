import type { AddressInfo } from 'node:net';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptward, promptwardErrorHandler } from '../../src/adapters/express/index.js';
import { openAIChatUsageTokens } from '../../src/ratelimit/index.js';
import { ATTACK, type FakeLlm, frozenLimits, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const guard = pseudonymGuard();

/** An Express app that proxies chat requests to the fake LLM behind the middleware. */
async function serve(limits: ReturnType<typeof frozenLimits> | undefined, jsonErrors: boolean) {
  const openai = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' });
  const app = express();
  app.post('/chat', express.json(), promptward({ guard, ...limits, key: () => 'default' }), async (req, res) => {
    const state = req.promptward!;
    const reply = await openai.chat.completions.create(req.body as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await state.reservation?.settle(openAIChatUsageTokens(reply.usage));
    const answer = await guard.checkOutput(reply.choices[0]?.message.content ?? '', { scope: state.scope });
    res.json({ answer: answer.text, findings: state.verdict.findings.length });
  });
  if (jsonErrors) app.use(promptwardErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
  const chat = (content: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'fake', messages: [{ role: 'user', content }] }) });
  return { chat, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('Express 5 promptward middleware', () => {
  it('sends the sanitized body on, exposes req.promptward, and the scope restores pseudonyms', async () => {
    const app = await serve(undefined, false);
    try {
      const res = await app.chat(`mail ${USER_EMAIL}`);
      expect(await res.json()).toEqual({ answer: `Noted, I will write to ${USER_EMAIL} right away.`, findings: 1 });
      expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    } finally {
      await app.close();
    }
  });

  it("blocked prompts reach Express's default handler as 400; the JSON handler adds code PW_BLOCKED", async () => {
    const plain = await serve(undefined, false);
    const json = await serve(undefined, true);
    try {
      const before = llm.requests.length;
      expect((await plain.chat(ATTACK)).status).toBe(400);
      const res = await json.chat(ATTACK);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'PW_BLOCKED' } });
      expect(llm.requests.length).toBe(before);
    } finally {
      await Promise.all([plain.close(), json.close()]);
    }
  });

  it('sets RateLimit headers, answers 429 with Retry-After through the default handler, and settles tokens', async () => {
    const limits = frozenLimits(2);
    const app = await serve(limits, false);
    try {
      const first = await app.chat('hi');
      expect(first.headers.get('ratelimit')).toBe('"requests";r=1;t=30, "tokens";r=999;t=1');
      expect(first.headers.get('ratelimit-policy')).toBe('"requests";q=2;w=60, "tokens";q=1000;w=60');
      await first.text();
      expect(await tokensLeft(limits)).toBe(950);
      await (await app.chat('hi')).text();
      const refused = await app.chat('hi');
      expect(refused.status).toBe(429);
      expect([refused.headers.get('retry-after'), refused.headers.get('ratelimit')]).toEqual(['30', '"requests";r=0;t=60']);
      await refused.text();
    } finally {
      await app.close();
    }
  });
});
