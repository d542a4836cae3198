import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isPromptwardError, RateLimitError } from '../../src/errors.js';
import { createLimiter, fixedWindow, gcra, memoryStore, rateLimitError, rateLimitHeaders, slidingWindow } from '../../src/ratelimit/index.js';

function limiter() {
  const clock = { t: 1_000_000 };
  return createLimiter({
    limits: { minute: gcra({ limit: 2, windowMs: 60_000 }), day: slidingWindow({ limit: 100, windowMs: 86_400_000 }) },
    store: memoryStore({ now: () => clock.t }),
  });
}

describe('rateLimitHeaders', () => {
  it('writes RateLimit-Policy and RateLimit as structured-field lists, one member per policy', async () => {
    const l = limiter();
    expect(rateLimitHeaders(await l.consume('k'))).toEqual({
      'ratelimit-policy': '"minute";q=2;w=60, "day";q=100;w=86400',
      ratelimit: '"minute";r=1;t=30, "day";r=99;t=86400',
    });
  });

  it('adds Retry-After in whole seconds, rounded up, when refused', async () => {
    const l = limiter();
    await l.consume('k', 2);
    const refused = await l.consume('k');
    expect(refused.retryAfterMs).toBe(30_000);
    expect(rateLimitHeaders(refused)).toMatchObject({ 'retry-after': '30', ratelimit: '"minute";r=0;t=60, "day";r=98;t=86400' });
  });

  it('names the default policy "default"', async () => {
    const l = createLimiter({ limits: gcra({ limit: 100, windowMs: 60_000 }) });
    expect(rateLimitHeaders(await l.consume('k', 50))).toEqual({ 'ratelimit-policy': '"default";q=100;w=60', ratelimit: '"default";r=50;t=30' });
  });

  it('gives a fixed window its limit and window, and the time left in the open window', async () => {
    const clock = { t: 1_000_000 };
    const l = createLimiter({ limits: { minute: fixedWindow({ limit: 10, windowMs: 60_000 }) }, store: memoryStore({ now: () => clock.t }) });
    await l.consume('k', 4);
    clock.t += 20_500;
    expect(rateLimitHeaders(await l.consume('k', 6))).toEqual({ 'ratelimit-policy': '"minute";q=10;w=60', ratelimit: '"minute";r=0;t=40' });
    expect(rateLimitHeaders(await l.consume('k'))).toMatchObject({ 'retry-after': '40' });
  });
});

describe('rateLimitError', () => {
  it('is a PW_RATE_LIMITED PromptwardError with status 429 and the headers', async () => {
    const l = limiter();
    await l.consume('k', 2);
    const error = rateLimitError(await l.consume('k'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isPromptwardError(error)).toBe(true);
    expect([error.code, error.statusCode, error.retryAfterMs]).toEqual(['PW_RATE_LIMITED', 429, 30_000]);
    expect(error.headers['retry-after']).toBe('30');
    expect(error.message).toBe('rate limit "minute" exceeded; retry in 30 s');
  });
});

describe('default error handlers answer 429 with the headers, no custom code', () => {
  it('Express 5', async () => {
    const l = limiter();
    const app = express();
    app.get('/', async (_req, res) => {
      const decision = await l.consume('client');
      if (!decision.allowed) throw rateLimitError(decision);
      res.set(rateLimitHeaders(decision)).send('ok');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const statuses = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(url);
        statuses.push(last.status);
        await last.text();
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last?.headers.get('retry-after')).toBe('30');
      expect(last?.headers.get('ratelimit')).toBe('"minute";r=0;t=60, "day";r=98;t=86400');
      expect(last?.headers.get('ratelimit-policy')).toBe('"minute";q=2;w=60, "day";q=100;w=86400');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('Fastify 5', async () => {
    const l = limiter();
    const app = Fastify();
    app.get('/', async (_request, reply) => {
      const decision = await l.consume('client');
      if (!decision.allowed) throw rateLimitError(decision);
      return reply.headers(rateLimitHeaders(decision)).send('ok');
    });
    try {
      const codes = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await app.inject({ method: 'GET', url: '/' });
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(last?.headers).toMatchObject({ 'retry-after': '30', ratelimit: '"minute";r=0;t=60, "day";r=98;t=86400' });
      expect(last?.json()).toMatchObject({ statusCode: 429, code: 'PW_RATE_LIMITED' });
    } finally {
      await app.close();
    }
  });
});
