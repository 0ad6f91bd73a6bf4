// Finds the Redis the tests use: AUTHKIT_TEST_REDIS_URL, else 127.0.0.1:6379, else a redis-server
// started here on a free port (and stopped at the end). No Redis at all fails the run: these tests
// never skip.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export default async function setup(project: TestProject) {
  const candidate = process.env.AUTHKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await reachable(candidate)) {
    project.provide('redisUrl', candidate);
    return;
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`No Redis at ${candidate} and redis-server could not start`, { cause: error })),
    );
  });
  failed.catch(() => {});
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; !(await Promise.race([reachable(url), failed])); attempt++) {
    if (attempt >= 50) {
      child.kill('SIGKILL');
      throw new Error(`No Redis at ${candidate} and the redis-server started on port ${port} did not answer`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  project.provide('redisUrl', url);
  return () => {
    child.kill('SIGKILL');
  };
}
