import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sealSession } from '@authkit-ssr/core';
import type { Emulator } from '@authkit-ssr/emulator';
import type { User } from '@workos-inc/node';
import { createClient } from 'redis';
import type { AuthenticateOutcome, WorkerConfig, WorkerMessage } from './fixtures/refresh-worker.js';
import { PASSWORD, sleep } from './helpers.js';

const workerPath = fileURLToPath(new URL('./fixtures/refresh-worker.ts', import.meta.url));
const hooksPath = fileURLToPath(new URL('./fixtures/register-source-hooks.mjs', import.meta.url));

/** An app process running AuthKitCore with the Redis coordinator, driven over IPC. */
export interface WorkerHandle {
  readonly child: ChildProcess;
  readonly logs: string[];
  authenticate(cookie: string, count: number): Promise<AuthenticateOutcome[]>;
  stop(): Promise<void>;
}

/** Starts one worker process (Node runs the TypeScript sources of core and redis directly). */
export async function startWorker(config: WorkerConfig): Promise<WorkerHandle> {
  const child = fork(workerPath, [], {
    execArgv: ['--conditions=authkit-source', '--import', hooksPath, '--disable-warning=ExperimentalWarning'],
    env: { ...process.env, AUTHKIT_WORKER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const logs: string[] = [];
  const pending = new Map<
    number,
    { resolve(results: AuthenticateOutcome[]): void; reject(error: Error): void }
  >();
  let nextId = 1;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      for (const { reject } of pending.values()) reject(new Error('worker exited'));
      pending.clear();
      resolve();
    }),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start within 15 s')), 15_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited during start-up (${code ?? signal})`));
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'log') logs.push(message.message);
      else if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.results);
        pending.delete(message.id);
      }
    });
  }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    child,
    logs,
    authenticate(cookie, count) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ type: 'authenticate', id, cookie, count });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'exit' });
      const killed = await Promise.race([exited.then(() => false), sleep(2_000).then(() => true)]);
      if (killed) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** A session cookie header holding a session of the emulator whose access token already expired. */
export async function expiredSessionCookie(
  emulator: Emulator,
): Promise<{ cookie: string; refreshToken: string }> {
  const issued = emulator.issueSession({ accessTokenTtlSeconds: -60 });
  const sealed = await sealSession(
    {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      user: issued.user as unknown as User,
    },
    [PASSWORD],
  );
  return { cookie: `wos-session=${sealed}`, refreshToken: issued.refreshToken };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of this test alone (it gets stopped), on a free port, without persistence. */
export async function startRedisServer(): Promise<{
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const probe = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 200 } });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.destroy();
      break;
    } catch (error) {
      probe.destroy();
      if (attempt >= 50) {
        child.kill('SIGKILL');
        throw error;
      }
      await sleep(100);
    }
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
