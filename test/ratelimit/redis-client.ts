import { Redis } from 'ioredis';

/**
 * An ioredis client set up the way the docs tell users to: fail fast instead of queueing
 * commands while Redis is away, so a dead Redis cannot stall a test (or a request). It
 * connects, and reconnects, in the background.
 */
export function client(port: number): Redis {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 1_000,
    connectTimeout: 1_000,
    // Reconnect quickly so recovery after a restart shows within the test's patience.
    retryStrategy: () => 100,
  });
  // ioredis emits connection errors as events; unhandled ones would fail the run.
  redis.on('error', () => undefined);
  return redis;
}

/** A client that is connected and ready. */
export async function connect(port: number): Promise<Redis> {
  const redis = client(port);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}
