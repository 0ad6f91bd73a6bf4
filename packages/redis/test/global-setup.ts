// Finds the Redis the tests use: AUTHKIT_TEST_REDIS_URL, else 127.0.0.1:6379, else a redis-server
// started here on a free port (and stopped at the end). No Redis at all fails the run: these tests
// never skip.
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';

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

export default async function setup(project: TestProject) {
  const candidate = process.env.AUTHKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await reachable(candidate)) {
    project.provide('redisUrl', candidate);
    return;
  }
  const server = await startRedisServer().catch((error: unknown) => {
    throw new Error(`No Redis at ${candidate} and redis-server could not start`, { cause: error });
  });
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
