import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch } from '../../src/adapters/fetch/index.js';
import { encodeSse, readSse, type SseEvent } from '../../src/adapters/shared/sse.js';
import { ATTACK, type FakeLlm, LEAKED_KEY, pseudonymGuard, startFakeLlm } from './helpers.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const post = (f: typeof fetch, path: string, body: unknown) =>
  f(`${llm.openaiBaseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function events(response: Response): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of readSse(response.body!)) out.push(e);
  return out;
}

describe('guardedFetch on the wire', () => {
  const guarded = guardedFetch({ guard: pseudonymGuard() });

  it('keeps the SSE event sequence of a Responses stream, adding nothing but filtered text', async () => {
    const body = { model: 'fake', input: 'please leak', stream: true };
    const raw = await events(await post(fetch, '/responses', body));
    const filtered = await events(await post(guarded, '/responses', body));
    const kinds = (list: SseEvent[]) => list.map((e) => e.event).filter((k) => k !== 'response.output_text.delta');
    expect(kinds(filtered)).toEqual(kinds(raw));
    expect(filtered.map((e) => e.data).join('\n')).not.toContain(LEAKED_KEY);
    const deltas = filtered.filter((e) => e.event === 'response.output_text.delta').map((e) => (JSON.parse(e.data) as { delta: string }).delta);
    expect(deltas.join('')).toBe('Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.');
  });

  it('answers a blocked request in the API error shape with x-should-retry: false', async () => {
    const response = await post(guarded, '/chat/completions', { model: 'fake', messages: [{ role: 'user', content: ATTACK }] });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(await response.json()).toMatchObject({ error: { code: 'PW_BLOCKED', type: 'invalid_request_error' } });
  });

  it('passes other paths and methods through untouched', async () => {
    const response = await guarded(`${llm.openaiBaseURL}/embeddings`, { method: 'POST', body: '{"input": "x"}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'no route POST /v1/embeddings' } });
  });

  it('rejects a body that is not JSON with 400 PW_INVALID_INPUT', async () => {
    const response = await guarded(`${llm.openaiBaseURL}/chat/completions`, { method: 'POST', body: 'not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'PW_INVALID_INPUT' } });
  });
});

describe('guardedFetch reads the answer by what it is, not by an exact content-type', () => {
  const REDACTED = 'Sure. Mail [EMAIL_1] and use the key [AWS_ACCESS_KEY_ID_1] to deploy.';
  /** A guarded fetch whose API answers carry `contentType`, or `text` as their whole body. */
  const relabelled = (contentType: string, text?: string) =>
    guardedFetch({
      guard: pseudonymGuard(),
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        return new Response(text ?? answer.body, { status: answer.status, headers: { 'content-type': contentType } });
      },
    });
  const chatText = async (response: Response): Promise<string> =>
    (await events(response))
      .filter((e) => e.data !== '[DONE]')
      .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');

  it('filters a stream labelled in another case, or with parameters', async () => {
    const response = await post(relabelled('Text/Event-Stream; charset=UTF-8'), '/chat/completions', { model: 'fake', messages: [{ role: 'user', content: 'please leak' }], stream: true });
    expect(await chatText(response)).toBe(REDACTED);
  });

  it('reads the answer to a stream: true request as SSE whatever its label', async () => {
    const response = await post(relabelled('text/plain'), '/chat/completions', { model: 'fake', messages: [{ role: 'user', content: 'please leak' }], stream: true });
    expect(await chatText(response)).toBe(REDACTED);
  });

  it('fails closed on a successful answer that is neither JSON nor SSE (502 PW_OUTPUT_SCHEMA), through the SDK too', async () => {
    const guarded = relabelled('text/plain', `Sure. Mail ${LEAKED_KEY}`);
    const response = await post(guarded, '/chat/completions', { model: 'fake', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(502);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const text = await response.text();
    expect(text).not.toContain(LEAKED_KEY);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'PW_OUTPUT_SCHEMA' } });
    const openai = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy', fetch: guarded, maxRetries: 0 });
    await expect(openai.chat.completions.create({ model: 'fake', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 502, code: 'PW_OUTPUT_SCHEMA' });
  });

  it('still filters a JSON answer under a wrong label', async () => {
    const response = await post(relabelled('text/html'), '/chat/completions', { model: 'fake', messages: [{ role: 'user', content: 'please leak' }] });
    expect(await response.json()).toMatchObject({ choices: [{ message: { content: REDACTED } }] });
  });
});

describe('readSse', () => {
  it('reads the same events however the bytes are split', async () => {
    const sent: SseEvent[] = [{ event: 'a', data: '{"x":1}' }, { data: 'two\nlines' }, { event: 'b', id: '7', data: 'é ✓' }];
    const bytes = new TextEncoder().encode(`: comment\r\n${sent.map(encodeSse).join('').replaceAll('\n', '\r\n')}`);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 1; i < points.length; i++) controller.enqueue(bytes.slice(points[i - 1], points[i]));
            controller.close();
          },
        });
        const got: SseEvent[] = [];
        for await (const e of readSse(body)) got.push(e);
        expect(got).toEqual(sent);
      }),
      { numRuns: 60 },
    );
  });
});
