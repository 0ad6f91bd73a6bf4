import { createServer, type Server, type Socket } from 'node:net';
import { AuthKitError, type RefreshOutcome, refreshKey } from '@authkit-ssr/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createRedisRefreshCoordinator,
  fromIoRedis,
  fromNodeRedis,
  type RedisRefreshCoordinator,
} from '../src/index.js';
import {
  connectIoRedis,
  connectNodeRedis,
  createFakeRefresher,
  createRedisEventLog,
  deleteKeys,
  makeContext,
  makeSession,
  readKeys,
  uniquePrefix,
} from './helpers.js';

let redis: Awaited<ReturnType<typeof connectNodeRedis>>;
let ioredis: ReturnType<typeof connectIoRedis>;
let prefix: string;
const coordinators: RedisRefreshCoordinator[] = [];
const extraClients: { destroy(): void }[] = [];

/** Another connection, as another process would have. */
async function anotherConnection() {
  const client = await connectNodeRedis();
  extraClients.push(client);
  return fromNodeRedis(client);
}

function coordinator(options: Partial<Parameters<typeof createRedisRefreshCoordinator>[0]> = {}) {
  const created = createRedisRefreshCoordinator({
    client: fromNodeRedis(redis),
    keyPrefix: prefix,
    ...options,
  });
  coordinators.push(created);
  return created;
}

async function newKey() {
  return refreshKey(makeSession().refreshToken, undefined);
}

beforeAll(async () => {
  redis = await connectNodeRedis();
  ioredis = connectIoRedis();
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(coordinators.splice(0).map((c) => c.close()));
  for (const client of extraClients.splice(0)) client.destroy();
  await deleteKeys(redis, prefix);
});

afterAll(async () => {
  redis.destroy();
  ioredis.disconnect();
});

describe('createRedisRefreshCoordinator', () => {
  it('shares one refresh between many concurrent runs in one process', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const shared = coordinator();
    const key = await newKey();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => shared.run(key, fake.refresh, makeContext())),
    );
    expect(fake.calls).toBe(1);
    expect(new Set(outcomes.map((o) => o.sealedSession)).size).toBe(1);
    expect(outcomes.filter((o) => o.refresh === 'led')).toHaveLength(1);
    expect(outcomes.filter((o) => o.refresh === 'joined')).toHaveLength(49);
  });

  it('shares one refresh between coordinators on separate connections (node-redis and ioredis)', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    const log = createRedisEventLog();
    const first = coordinator({ client: log.wrap(fromNodeRedis(redis)) });
    const second = coordinator({ client: log.wrap(fromIoRedis(ioredis)) });
    const third = coordinator({ client: log.wrap(await anotherConnection()) });
    const key = await newKey();
    const running = Promise.all(
      [first, second, third].flatMap((c) =>
        Array.from({ length: 10 }, () => c.run(key, fake.refresh, makeContext())),
      ),
    );
    // One lock attempt per coordinator, all while the leader is still refreshing.
    expect((await log.untilAttempts(3)).sort()).toEqual(['acquired', 'locked', 'locked']);
    fake.releaseAll();
    const outcomes = await running;
    expect(fake.calls).toBe(1);
    expect(new Set(outcomes.map((o) => o.sealedSession)).size).toBe(1);
    expect(outcomes[0]?.session.refreshToken).toBe(fake.issued[0]?.refreshToken);
    expect(outcomes.filter((o) => o.refresh === 'led')).toHaveLength(1);
    expect(outcomes.filter((o) => o.refresh === 'replayed')).toHaveLength(0);
  });

  it('replays a result within the window on another coordinator, without a refresh', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const key = await newKey();
    const led = await coordinator().run(key, fake.refresh, makeContext());
    const late = await coordinator({ client: fromIoRedis(ioredis) }).run(key, fake.refresh, makeContext());
    expect(fake.calls).toBe(1);
    expect(late.refresh).toBe('replayed');
    expect(late.sealedSession).toBe(led.sealedSession);
    expect(late.session).toEqual(led.session);
  });

  it('replays only the immediately previous token', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const shared = coordinator();
    const key0 = await newKey();
    const first = await shared.run(key0, fake.refresh, makeContext());
    const second = await shared.run(first.nextKey, fake.refresh, makeContext());
    expect(fake.calls).toBe(2);

    const other = coordinator({ client: fromIoRedis(ioredis) });
    const replayOfFirstKey = await other.run(first.nextKey, fake.refresh, makeContext());
    expect(replayOfFirstKey.refresh).toBe('replayed');
    expect(replayOfFirstKey.sealedSession).toBe(second.sealedSession);

    // key0 was retired when its successor was refreshed: a new upstream call (that WorkOS would refuse).
    const retired = await other.run(key0, fake.refresh, makeContext());
    expect(retired.refresh).toBe('led');
    expect(fake.calls).toBe(3);
  });

  it('does not replay when the window is 0, but still hands the result to the waiters', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    const log = createRedisEventLog();
    const key = await newKey();
    const context = makeContext({ replaySeconds: 0 });
    const leading = coordinator().run(key, fake.refresh, context);
    await fake.nextCall();
    const waiting = coordinator({ client: log.wrap(fromIoRedis(ioredis)) }).run(key, fake.refresh, context);
    expect(await log.untilAttempts(1)).toEqual(['locked']);
    fake.releaseAll();
    const outcomes = await Promise.all([leading, waiting]);
    expect(fake.calls).toBe(1);
    expect(outcomes.map((o) => o.refresh).sort()).toEqual(['joined', 'led']);
    await coordinator().run(key, fake.refresh, context);
    expect(fake.calls).toBe(2);
  });

  it('fans a failure out to the waiters of every process, and does not cache it', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    fake.failNextWith(
      new AuthKitError('refresh_rejected', 'WorkOS rejected the refresh token (invalid_grant)'),
    );
    const log = createRedisEventLog();
    const key = await newKey();
    const first = coordinator();
    const second = coordinator({ client: log.wrap(fromIoRedis(ioredis)) });
    const leading = Array.from({ length: 5 }, () => first.run(key, fake.refresh, makeContext()));
    await fake.nextCall();
    const waiting = Array.from({ length: 5 }, () => second.run(key, fake.refresh, makeContext()));
    expect(await log.untilAttempts(1)).toEqual(['locked']);
    fake.releaseAll();
    const settled = await Promise.allSettled([...leading, ...waiting]);
    expect(fake.calls).toBe(1);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(AuthKitError);
      expect(reason.code).toBe('refresh_rejected');
    }

    const retry = await second.run(key, fake.refresh, makeContext());
    expect(retry.refresh).toBe('led');
    expect(fake.calls).toBe(2);
  });

  it('maps a failure that is not an AuthKitError to upstream_unavailable for the waiters', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    fake.failNextWith(new Error('socket hang up'));
    const log = createRedisEventLog();
    const key = await newKey();
    const leading = coordinator().run(key, fake.refresh, makeContext());
    await fake.nextCall();
    const waiting = coordinator({ client: log.wrap(fromIoRedis(ioredis)) }).run(
      key,
      fake.refresh,
      makeContext(),
    );
    expect(await log.untilAttempts(1)).toEqual(['locked']);
    fake.releaseAll();
    const [leader, waiter] = await Promise.allSettled([leading, waiting]);
    expect(fake.calls).toBe(1);
    expect((leader as PromiseRejectedResult).reason.message).toBe('socket hang up');
    expect((waiter as PromiseRejectedResult).reason).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('stores only hashes and sealed values: no raw token in Redis, all keys of a refresh in one hash slot', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const original = makeSession();
    const key = await refreshKey(original.refreshToken, 'org_01');
    const first = coordinator();
    const second = coordinator({ client: fromIoRedis(ioredis) });
    const outcome = await Promise.all([
      first.run(key, fake.refresh, makeContext()),
      second.run(key, fake.refresh, makeContext()),
    ]).then((o) => o[0]);
    await first.run(outcome.nextKey, fake.refresh, makeContext());

    const entries = await readKeys(redis, prefix);
    expect(entries.size).toBeGreaterThan(0);
    const secrets = [original, ...fake.issued].flatMap((s) => [s.accessToken, s.refreshToken]);
    for (const [name, value] of entries) {
      expect(name).toMatch(new RegExp(`^${prefix}\\{[A-Za-z0-9_-]{43}\\}:(result|prev)$`));
      for (const secret of secrets) {
        expect(name).not.toContain(secret);
        expect(value ?? '').not.toContain(secret);
      }
    }
  });

  it('takes over when the lock holder died, after its lease', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const log = createRedisEventLog();
    const key = await newKey();
    const lock = `${prefix}{${key}}:lock`;
    // A leader that took the lock and then vanished.
    await redis.set(lock, 'dead-leader', { PX: 60_000 });
    const running = Promise.all([
      coordinator({ client: log.wrap(fromNodeRedis(redis)), pollIntervalMs: 20 }).run(
        key,
        fake.refresh,
        makeContext(),
      ),
      coordinator({ client: log.wrap(fromIoRedis(ioredis)), pollIntervalMs: 20 }).run(
        key,
        fake.refresh,
        makeContext(),
      ),
    ]);
    // Both wait while the lease lasts (and keep waiting through a few polls)...
    expect(await log.untilAttempts(6)).toEqual(Array(6).fill('locked'));
    expect(fake.calls).toBe(0);
    // ...and one of them takes over once it ends.
    await redis.pExpire(lock, 0);
    const outcomes = await running;
    expect(fake.calls).toBe(1);
    expect(outcomes.map((o) => o.refresh).sort()).toEqual(['joined', 'led']);
  });

  it('stops waiting at the deadline (one lease and one refresh timeout)', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher();
    const key = await newKey();
    await redis.set(`${prefix}{${key}}:lock`, 'stuck-leader', { PX: 60_000 });
    // The clock the coordinator reads stands still unless the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const started = Date.now();
    const log = createRedisEventLog();
    // Lease is raised to timeout + 1 s = 1.2 s; the deadline is lease + timeout = 1.4 s.
    const run = coordinator({
      client: log.wrap(fromNodeRedis(redis)),
      leaseSeconds: 0.1,
      pollIntervalMs: 5,
    }).run(key, fake.refresh, makeContext({ timeoutSeconds: 0.2 }));
    const settled = run.then(
      () => 'settled',
      () => 'settled',
    );
    await log.untilAttempts(1);
    vi.setSystemTime(started + 1_399);
    // Two more polls: at least one whole loop ran at 1.399 s, and the waiter kept waiting.
    expect(await Promise.race([log.untilAttempts(3).then(() => 'waiting'), settled])).toBe('waiting');
    vi.setSystemTime(started + 1_400);
    await expect(run).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(log.attempts.every((attempt) => attempt === 'locked')).toBe(true);
    expect(fake.calls).toBe(0);
  });

  it.each(['node-redis', 'ioredis'])(
    'wakes waiters on the published message, not on the poll (%s)',
    async (name) => {
      prefix = uniquePrefix();
      const fake = createFakeRefresher({ held: true });
      const log = createRedisEventLog();
      const key = await newKey();
      const leading = coordinator().run(key, fake.refresh, makeContext());
      await fake.nextCall();
      // No poll and no deadline within the test's time: only the message can wake this waiter.
      const client = log.wrap(name === 'ioredis' ? fromIoRedis(ioredis) : await anotherConnection());
      const joining = coordinator({ client, pollIntervalMs: 600_000 }).run(
        key,
        fake.refresh,
        makeContext({ timeoutSeconds: 600 }),
      );
      await log.untilSubscribed();
      expect(log.attempts).toEqual(['locked']);
      fake.releaseAll();
      const joined = await joining;
      expect(joined.refresh).toBe('joined');
      expect(log.attempts).toEqual(['locked', 'result']);
      expect((await leading).sealedSession).toBe(joined.sealedSession);
    },
  );

  it('rejects a key prefix with hash-tag braces', () => {
    expect(() => createRedisRefreshCoordinator({ client: fromNodeRedis(redis), keyPrefix: 'a{b}:' })).toThrow(
      expect.objectContaining({ code: 'configuration_invalid' }),
    );
  });
});

describe('fallback', () => {
  let blackhole: Server;
  let blackholePort: number;
  let deadPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // A TCP server that accepts and never answers: a hung Redis.
    blackhole = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    blackholePort = (blackhole.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  });

  async function runMany(shared: RedisRefreshCoordinator, fake: ReturnType<typeof createFakeRefresher>) {
    const outcomes: RefreshOutcome[] = [];
    let key = await newKey();
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => shared.run(key, fake.refresh, makeContext())),
      );
      outcomes.push(...results);
      key = results[0]!.nextKey;
    }
    return outcomes;
  }

  it('falls back to in-process single-flight when Redis refuses connections, logging once', async () => {
    prefix = uniquePrefix();
    const { Redis } = await import('ioredis');
    const dead = new Redis(deadPort, '127.0.0.1', { enableOfflineQueue: false, retryStrategy: () => 200 });
    dead.on('error', () => {});
    const lines: string[] = [];
    const fake = createFakeRefresher();
    const shared = coordinator({ client: fromIoRedis(dead), logger: (message) => lines.push(message) });
    try {
      const outcomes = await runMany(shared, fake);
      expect(outcomes).toHaveLength(30);
      expect(fake.calls).toBe(3);
      expect(shared.degraded).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Redis unavailable/);
      // The in-process fallback keeps the replay window.
      const last = outcomes.at(-1)!;
      expect(outcomes.filter((o) => o.refresh === 'led')).toHaveLength(3);
      expect(last.refresh).toBe('joined');
    } finally {
      dead.disconnect();
    }
  });

  it('falls back after the command timeout when Redis hangs (node-redis, offline queue on)', async () => {
    prefix = uniquePrefix();
    const { createClient } = await import('redis');
    const hung = createClient({
      url: `redis://127.0.0.1:${blackholePort}`,
      socket: { reconnectStrategy: 200 },
    });
    hung.on('error', () => {});
    void hung.connect().catch(() => {});
    const lines: string[] = [];
    const fake = createFakeRefresher();
    const shared = coordinator({
      client: fromNodeRedis(hung),
      commandTimeoutMs: 150,
      logger: (message) => lines.push(message),
    });
    try {
      // A hung Redis would hold the runs forever: they finish only by falling back.
      const outcomes = await runMany(shared, fake);
      expect(outcomes).toHaveLength(30);
      expect(fake.calls).toBe(3);
      expect(shared.degraded).toBe(true);
      expect(lines).toHaveLength(1);
    } finally {
      hung.destroy();
    }
  });
});
