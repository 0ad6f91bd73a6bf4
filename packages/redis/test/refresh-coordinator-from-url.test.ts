import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { refreshKey } from '@authkit-ssr/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRefreshCoordinatorFromUrl, type RedisRefreshCoordinator } from '../src/index.js';
import {
  connectNodeRedis,
  createFakeRefresher,
  deleteKeys,
  makeContext,
  makeSession,
  REDIS_URL,
  readKeys,
  uniquePrefix,
} from './helpers.js';
import { freePort } from './redis-server.js';

const hooksPath = fileURLToPath(new URL('./fixtures/register-source-hooks.mjs', import.meta.url));
const indexUrl = new URL('../src/index.ts', import.meta.url).href;

let redis: Awaited<ReturnType<typeof connectNodeRedis>>;
const prefixes: string[] = [];
const coordinators: RedisRefreshCoordinator[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await connectNodeRedis();
});

afterEach(async () => {
  await Promise.all(coordinators.splice(0).map((coordinator) => coordinator.close()));
  // A child still running here failed its test (it should have exited by itself).
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  redis.destroy();
});

/** Runs `code` (an ES module) in a child Node that runs this package's sources; resolves on exit. */
function runChild(code: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=authkit-source',
      '--import',
      hooksPath,
      '--disable-warning=ExperimentalWarning',
      '--input-type=module',
      '-e',
      code,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  children.push(child);
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('exit', (exitCode) => resolve({ code: exitCode, stdout, stderr })),
  );
}

describe('createRedisRefreshCoordinatorFromUrl', () => {
  it('shares one refresh between two coordinators made from the same URL', async () => {
    const keyPrefix = uniquePrefix();
    prefixes.push(keyPrefix);
    const one = createRedisRefreshCoordinatorFromUrl(REDIS_URL, { keyPrefix });
    const two = createRedisRefreshCoordinatorFromUrl(REDIS_URL, { keyPrefix });
    coordinators.push(one, two);
    const fake = createFakeRefresher();
    const key = await refreshKey(makeSession().refreshToken, undefined);

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? one : two).run(key, fake.refresh, makeContext()),
      ),
    );

    expect(fake.calls).toBe(1);
    expect(new Set(outcomes.map((outcome) => outcome.sealedSession)).size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.refresh === 'led')).toHaveLength(1);
    expect(one.degraded || two.degraded).toBe(false);
    expect((await readKeys(redis, keyPrefix)).size).toBeGreaterThan(0);
  });

  it('falls back when Redis is unreachable, logging through the logger, and never keeps the process alive', async () => {
    const deadPort = await freePort();
    // The child makes one refresh through a coordinator on a dead Redis, then has nothing left to do:
    // it must exit on its own (the sockets and the reconnect timer are unref'd), without close().
    // If anything held it, it would never exit and the test would time out.
    const result = await runChild(`
      import { createRedisRefreshCoordinatorFromUrl } from ${JSON.stringify(indexUrl)};
      const lines = [];
      const coordinator = createRedisRefreshCoordinatorFromUrl('redis://127.0.0.1:${deadPort}', {
        keyPrefix: 'authkit-test:dead:',
        logger: (message) => lines.push(message),
      });
      let calls = 0;
      const refresh = async () => {
        calls += 1;
        return { session: {}, sealedSession: 'sealed', nextKey: 'next' };
      };
      const context = { unsealSession: async () => ({}), replaySeconds: 10, timeoutSeconds: 2 };
      const outcomes = await Promise.all([1, 2, 3].map(() => coordinator.run('key', refresh, context)));
      console.log(JSON.stringify({ calls, degraded: coordinator.degraded, lines, refreshes: outcomes.map((o) => o.refresh) }));
    `);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      calls: number;
      degraded: boolean;
      lines: string[];
      refreshes: string[];
    };
    expect(report.calls).toBe(1);
    expect(report.degraded).toBe(true);
    expect(report.refreshes.filter((refresh) => refresh === 'led')).toHaveLength(1);
    expect(report.lines.some((line) => /Redis unavailable/.test(line))).toBe(true);
  }, 20_000);
});
