import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter, fixedWindow, gcra, redisStore } from '../../src/ratelimit/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { connect } from './redis-client.js';

const WORKER = fileURLToPath(new URL('./fixtures/consume-worker.ts', import.meta.url));
const PROCESSES = 4;
const CALLS = 100;

let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedis();
  client = await connect(server.port);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

function message(child: ChildProcess): Promise<Record<string, number | boolean>> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, number | boolean>));
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
  });
}

/** Calls admitted across all processes, per round; `pause` ms between rounds. */
async function admittedAcrossProcesses(kind: string, rounds = 1, pause = 0): Promise<number[]> {
  const prefix = `conc:${kind}:`;
  const children = Array.from({ length: PROCESSES }, () =>
    fork(WORKER, [String(server.port), prefix, kind, String(CALLS), String(rounds)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
  );
  try {
    await Promise.all(children.map(message));
    const admitted: number[] = [];
    for (let round = 0; round < rounds; round++) {
      if (round > 0) await sleep(pause);
      const results = children.map(message);
      for (const child of children) child.send('go');
      const reports = await Promise.all(results);
      admitted.push(reports.reduce((sum, r) => sum + Number(r['admitted']), 0));
    }
    return admitted;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}

describe('one key, many processes, one redis-server', () => {
  it.each([
    ['gcra', 50],
    ['bucket', 50],
    ['window', 50],
    ['combined', 40],
  ])(`%s: ${PROCESSES} processes × ${CALLS} concurrent calls admit exactly the limit (%i), never more`, async (kind, limit) => {
    expect(await admittedAcrossProcesses(kind)).toEqual([limit]);
  });

  it(`fixedWindow: ${PROCESSES} processes × ${CALLS} concurrent calls admit exactly the limit (50) in each of two windows`, async () => {
    // The worker's window is 2 s; a round takes milliseconds, so the pause closes the first.
    expect(await admittedAcrossProcesses('fixed', 2, 2_100)).toEqual([50, 50]);
  });

  it('500 concurrent calls in one process admit exactly the limit, GCRA and fixedWindow alike', async () => {
    const limiter = createLimiter({ limits: gcra({ limit: 77, windowMs: 3_600_000 }), store: redisStore({ client, prefix: 'conc:local:' }) });
    const decisions = await Promise.all(Array.from({ length: 500 }, () => limiter.consume('shared')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(77);
    expect(Math.min(...decisions.map((d) => d.remaining))).toBe(0);
    const fixed = createLimiter({ limits: fixedWindow({ limit: 77, windowMs: 3_600_000 }), store: redisStore({ client, prefix: 'conc:local-fixed:' }) });
    const counted = await Promise.all(Array.from({ length: 500 }, () => fixed.consume('shared')));
    expect(counted.filter((d) => d.allowed)).toHaveLength(77);
    expect(counted.filter((d) => d.allowed).map((d) => d.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 77 }, (_, i) => i));
  });
});
