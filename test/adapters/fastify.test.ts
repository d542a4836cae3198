import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptward } from '../../src/adapters/fastify/index.js';
import { ATTACK, type FakeLlm, frozenLimits, pseudonymGuard, startFakeLlm, tokensLeft, USER_EMAIL } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const guard = pseudonymGuard();

/** A Fastify server that forwards chat bodies to the fake LLM and returns its JSON answer. */
async function serve(limits?: ReturnType<typeof frozenLimits>) {
  const app = Fastify();
  await app.register(promptward, { guard, ...limits, key: () => 'default' });
  const forward = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${llm.openaiBaseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };
  app.post('/v1/chat/completions', async (request) => forward('/chat/completions', request.body));
  app.post('/v1/messages', async (request) => forward('/messages', request.body));
  app.post('/raw', { config: { promptward: false } }, async (request) => forward('/chat/completions', request.body));
  app.post('/no-output', { config: { promptward: { output: false } } }, async (request) => forward('/chat/completions', request.body));
  app.post('/buffer', async (request, reply) => reply.type('application/json').send(Buffer.from(JSON.stringify(await forward('/chat/completions', request.body)))));
  app.post('/stream', async (request, reply) => reply.type('application/json').send(Readable.from([JSON.stringify(await forward('/chat/completions', request.body))])));
  app.post('/web-stream', async (request, reply) => {
    const text = JSON.stringify(await forward('/chat/completions', request.body));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`data: ${text}\n\n`));
        controller.close();
      },
    });
    return reply.type('text/event-stream').send(body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Record<string, unknown> };
  };
  return { post, close: () => app.close() };
}

const chat = (content: string) => ({ model: 'fake', messages: [{ role: 'user', content }] });

describe('Fastify 5 promptward plugin', () => {
  it('filters OpenAI and Anthropic JSON answers in onSend, restoring the pseudonyms of the request', async () => {
    const app = await serve();
    try {
      const leak = await app.post('/v1/chat/completions', chat('please leak'));
      expect(leak.json).toMatchObject({ choices: [{ message: { content: 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.' } }] });
      const anthropic = await app.post('/v1/messages', { ...chat(`mail ${USER_EMAIL}`), max_tokens: 50, system: 'Be brief.' });
      expect(anthropic.json['content']).toEqual([{ type: 'text', text: `Noted, I will write to ${USER_EMAIL} right away.` }]);
      expect(JSON.stringify(llm.requests.at(-1)?.body)).not.toContain(USER_EMAIL);
    } finally {
      await app.close();
    }
  });

  it('honours per-route config: false leaves a route alone, output: false skips the answer', async () => {
    const app = await serve();
    try {
      expect((await app.post('/raw', chat(ATTACK))).status).toBe(200);
      const unfiltered = await app.post('/no-output', chat('please leak'));
      expect(JSON.stringify(unfiltered.json)).toContain('alice@example.com');
    } finally {
      await app.close();
    }
  });

  it("answers a blocked prompt 400 PW_BLOCKED through Fastify's default error handler", async () => {
    const app = await serve();
    try {
      const res = await app.post('/v1/chat/completions', chat(ATTACK));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ statusCode: 400, code: 'PW_BLOCKED' });
    } finally {
      await app.close();
    }
  });

  it('settles tokens from the answer usage and answers 429 with RateLimit, RateLimit-Policy and Retry-After', async () => {
    const limits = frozenLimits(2);
    const app = await serve(limits);
    try {
      const ok = await app.post('/v1/chat/completions', chat('hi'));
      expect(ok.headers.get('ratelimit-policy')).toBe('"requests";q=2;w=60, "tokens";q=1000;w=60');
      expect(await tokensLeft(limits)).toBe(950);
      await app.post('/v1/chat/completions', chat('hi'));
      const refused = await app.post('/v1/chat/completions', chat('hi'));
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ code: 'PW_RATE_LIMITED' });
      expect([refused.headers.get('retry-after'), refused.headers.get('ratelimit'), refused.headers.get('ratelimit-policy')]).toEqual([
        '30',
        '"requests";r=0;t=60',
        '"requests";q=2;w=60',
      ]);
    } finally {
      await app.close();
    }
  });

  it('filters a JSON answer sent as a Buffer, and refuses streamed answers it cannot filter (500 PW_CONFIG)', async () => {
    const app = await serve();
    try {
      const buffered = await app.post('/buffer', chat('please leak'));
      expect(buffered.json).toMatchObject({ choices: [{ message: { content: 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.' } }] });
      for (const path of ['/stream', '/web-stream']) {
        const streamed = await app.post(path, chat('please leak'));
        expect(streamed.status).toBe(500);
        expect(streamed.json).toMatchObject({ code: 'PW_CONFIG' });
        expect(streamed.text).not.toMatch(/alice|AKIA/);
      }
    } finally {
      await app.close();
    }
  });
});
