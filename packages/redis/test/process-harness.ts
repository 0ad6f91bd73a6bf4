import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sealSession } from '@authkit-ssr/core';
import type { Emulator } from '@authkit-ssr/emulator';
import type { User } from '@workos-inc/node';
import type { AuthenticateOutcome, WorkerConfig, WorkerMessage } from './fixtures/refresh-worker.js';
import { PASSWORD } from './helpers.js';

export { freePort, startRedisServer } from './redis-server.js';

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

  // A worker that never gets ready fails its test by the test's timeout.
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`worker exited during start-up (${code ?? signal})`)),
    );
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'log') logs.push(message.message);
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
      // Clean-up only: a worker that does not exit when asked is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
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
