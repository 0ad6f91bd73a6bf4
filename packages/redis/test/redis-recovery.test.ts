// After a Redis failure a process coordinates on its own for `fallbackSeconds`, then uses Redis
// again: it coordinates with the other processes once more, and says so in its log.
import { refreshKey } from '@authkit-ssr/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisRefreshCoordinator, fromNodeRedis, type RedisRefreshCoordinator } from '../src/index.js';
import {
  connectNodeRedis,
  createFakeRefresher,
  createRedisEventLog,
  makeContext,
  makeSession,
  uniquePrefix,
} from './helpers.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const coordinators: RedisRefreshCoordinator[] = [];
const connections: { destroy(): void }[] = [];
const servers: RedisServer[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(coordinators.splice(0).map((c) => c.close()));
  for (const client of connections.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function newKey() {
  return refreshKey(makeSession().refreshToken, undefined);
}

type Connection = Awaited<ReturnType<typeof connectNodeRedis>>;

/** Resolves once the client is connected (again). */
function untilReady(client: Connection): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

describe('after Redis failed', () => {
  it('falls back while Redis is down, and after fallbackSeconds uses Redis again: another process joins its refresh, and the logger hears it', async () => {
    // The clock the coordinator reads moves only when the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = await startRedisServer();
    servers.push(server);
    const [first, second] = await Promise.all([connectNodeRedis(server.url), connectNodeRedis(server.url)]);
    connections.push(first, second);
    const keyPrefix = uniquePrefix();
    const lines: string[] = [];
    const log = createRedisEventLog();
    const degradable = createRedisRefreshCoordinator({
      client: fromNodeRedis(first),
      keyPrefix,
      fallbackSeconds: 5,
      logger: (message) => lines.push(message),
    });
    const other = createRedisRefreshCoordinator({ client: log.wrap(fromNodeRedis(second)), keyPrefix });
    coordinators.push(degradable, other);

    // Redis goes away: the runs still share one refresh, within the process.
    await server.stop();
    const down = createFakeRefresher();
    const downKey = await newKey();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => degradable.run(downKey, down.refresh, makeContext())),
    );
    expect(down.calls).toBe(1);
    expect(outcomes.filter((outcome) => outcome.refresh === 'led')).toHaveLength(1);
    expect(degradable.degraded).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Redis unavailable/);

    // Redis is back (same port), but within fallbackSeconds the process keeps to itself.
    servers.push(await startRedisServer(server.port));
    await Promise.all([untilReady(first), untilReady(second)]);
    await degradable.run(await newKey(), createFakeRefresher().refresh, makeContext());
    expect(degradable.degraded).toBe(true);
    expect(lines).toHaveLength(1);

    // fallbackSeconds later it tries Redis again: a refresh it leads is shared with another process.
    vi.setSystemTime(Date.now() + 5_000);
    const up = createFakeRefresher({ held: true });
    const upKey = await newKey();
    const leading = degradable.run(upKey, up.refresh, makeContext());
    await up.nextCall();
    const joining = other.run(upKey, up.refresh, makeContext());
    await log.untilAttempts(1);
    up.releaseAll();
    const [led, joined] = await Promise.all([leading, joining]);
    expect(up.calls).toBe(1);
    expect(led.refresh).toBe('led');
    expect(joined.refresh).toBe('joined');
    expect(joined.sealedSession).toBe(led.sealedSession);
    expect(degradable.degraded).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Redis available again/);
  });
});
