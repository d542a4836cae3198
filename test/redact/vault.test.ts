import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/engine.js';
import { createRedactor, memoryVault, pseudonym, redisVault, type Vault } from '../../src/redact/index.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { PACK, through } from './fixtures.js';

const engine = compile([PACK]);

/** Two requests at once through one vault: each keeps its own numbers and originals. */
async function noCrossTalk(vault: Vault): Promise<void> {
  const r = createRedactor({ engine, vault, key: 'shared', operators: { default: pseudonym() } });
  const users = Array.from({ length: 2 }, (_, u) => ({
    scope: `req-${u}-${Math.random()}`,
    text: Array.from({ length: 30 }, (_, i) => `user${u}.n${i}@mail.com`).join(' '),
  }));
  const answers = await Promise.all(
    users.map(async ({ scope, text }) => {
      // Interleave: both streams make vault calls chunk by chunk while the other does too.
      const chunks = text.match(/[\s\S]{1,5}/g)!;
      const masked = (await through(r.stream({ scope }), chunks)).join('');
      const restored = (await through(r.stream({ scope, restore: true }), masked.match(/[\s\S]{1,3}/g)!)).join('');
      return { masked, restored };
    }),
  );
  answers.forEach(({ masked, restored }, u) => {
    expect(masked).toBe(Array.from({ length: 30 }, (_, i) => `[EMAIL_${i + 1}]`).join(' '));
    expect(restored).toBe(users[u]!.text);
  });
}

describe('memory vault', () => {
  it('keeps two concurrent requests apart', async () => {
    await noCrossTalk(memoryVault());
  });

  it('forgets scopes after the TTL, past the scope bound, and on drop', async () => {
    const vault = memoryVault({ ttl: 20, maxScopes: 2 });
    await vault.assign('a', [{ label: 'EMAIL', digest: 'd1', original: 'a@x.com' }]);
    expect(await vault.resolve('a', ['EMAIL_1'])).toEqual(['a@x.com']);
    await new Promise((r) => setTimeout(r, 40));
    expect(await vault.resolve('a', ['EMAIL_1'])).toEqual([undefined]);
    for (const s of ['b', 'c', 'd']) await vault.assign(s, [{ label: 'EMAIL', digest: 'd', original: s }]);
    expect(await vault.resolve('b', ['EMAIL_1'])).toEqual([undefined]);
    expect(await vault.resolve('d', ['EMAIL_1'])).toEqual(['d']);
    await vault.drop('d');
    expect(await vault.resolve('d', ['EMAIL_1'])).toEqual([undefined]);
  });

  it('refuses with PW_STORE past the values-per-scope bound, and reports which numbers it created', async () => {
    const vault = memoryVault({ maxValuesPerScope: 2 });
    expect(await vault.assign('s', [{ label: 'A', digest: '1' }, { label: 'A', digest: '2' }, { label: 'A', digest: '1' }])).toEqual([
      { index: 1, created: true },
      { index: 2, created: true },
      { index: 1, created: false },
    ]);
    await expect(vault.assign('s', [{ label: 'A', digest: '3' }])).rejects.toMatchObject({ code: 'PW_STORE' });
  });
});

describe('redis vault', () => {
  let server: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedis();
    client = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
  });

  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it('keeps two concurrent requests apart', async () => {
    await noCrossTalk(redisVault(client, { prefix: 'pw-test:' }));
  });

  it('numbers, keeps originals, expires scopes and drops them', async () => {
    const vault = redisVault(client, { prefix: 'pw-ttl:', ttl: 60_000 });
    expect(
      await vault.assign('s', [
        { label: 'EMAIL', digest: 'x', original: 'a@x.com' },
        { label: 'EMAIL', digest: 'y' },
        { label: 'EMAIL', digest: 'x', original: 'a@x.com' },
      ]),
    ).toEqual([
      { index: 1, created: true },
      { index: 2, created: true },
      { index: 1, created: false },
    ]);
    expect(await vault.resolve('s', ['EMAIL_1', 'EMAIL_2', 'EMAIL_3'])).toEqual(['a@x.com', undefined, undefined]);
    const ttl = await client.pttl('pw-ttl:s');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await vault.drop('s');
    expect(await client.exists('pw-ttl:s')).toBe(0);
  });

  it('serves one conversation from two redactors (two processes) sharing the key', async () => {
    const make = () => createRedactor({ engine, key: 'k', vault: redisVault(client, { prefix: 'pw-two:' }), operators: { default: pseudonym() } });
    const first = await make().redact('a@x.com', { scope: 'conv' });
    const second = await make().redact('b@x.com then a@x.com', { scope: 'conv' });
    expect([first.text, second.text]).toEqual(['[EMAIL_1]', '[EMAIL_2] then [EMAIL_1]']);
    expect(await make().restore('[email_2] [EMAIL_1]', 'conv')).toBe('b@x.com a@x.com');
  });

  it('fails with PW_STORE when Redis is unreachable', async () => {
    const dead = new Redis({ port: 1, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const vault = redisVault(dead);
    await expect(vault.assign('s', [{ label: 'A', digest: 'd' }])).rejects.toMatchObject({ code: 'PW_STORE' });
    dead.disconnect();
  });
});
