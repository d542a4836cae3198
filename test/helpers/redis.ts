import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A throwaway redis-server on a loopback port, owned by the test that started it. */
export interface RedisServer {
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server abruptly, as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (empty: no persistence); does nothing while it runs. */
  start(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test that throws before its cleanup must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function assertInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed or not on PATH. The Redis tests need a real server: ' +
        'install the Debian package (apt-get install -y redis-server); .ci/run does this in CI.',
    );
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(200, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
    sleep(ms).then(() => false),
  ]);
}

/**
 * Starts redis-server on a free loopback port with persistence off, and waits (up to 5 s)
 * until it answers PING. Fails with a clear message when redis-server is not installed.
 */
export async function startRedis(): Promise<RedisServer> {
  assertInstalled();
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) return;
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
    child = proc;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    for (let attempt = 0; attempt < 100; attempt++) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode} on port ${port}`);
      if (await answersPing(port)) return;
      await sleep(50);
    }
    proc.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port} within 5 s`);
  }

  async function halt(signal: NodeJS.Signals): Promise<void> {
    const proc = child;
    child = undefined;
    if (proc === undefined) return;
    proc.kill(signal);
    if (!(await exited(proc, 2_000))) {
      proc.kill('SIGKILL');
      await exited(proc, 2_000);
    }
  }

  await start();
  return { port, start, stop: () => halt('SIGTERM'), kill: () => halt('SIGKILL') };
}
