// A lock belongs to the flight that took it. A leader that lost its lock (its lease ran out, or its
// lock attempt timed out) must not release or replace the lock of the leader that came after it:
// otherwise a third process starts yet another upstream refresh with the same token.
import { AuthKitError, refreshKey } from '@authkit-ssr/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRefreshCoordinator, fromNodeRedis, type RedisRefreshCoordinator } from '../src/index.js';
import {
  connectNodeRedis,
  createFakeRefresher,
  createRedisEventLog,
  deleteKeys,
  makeContext,
  makeSession,
  uniquePrefix,
} from './helpers.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let redis: Awaited<ReturnType<typeof connectNodeRedis>>;
let prefix: string;
const coordinators: RedisRefreshCoordinator[] = [];
const connections: { destroy(): void }[] = [];
const servers: RedisServer[] = [];

async function connection(url: string) {
  const client = await connectNodeRedis(url);
  connections.push(client);
  return client;
}

/** A coordinator, as another process would have (on the shared connection unless told). */
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

/** The lease of the lock of `key` runs out now (as it would for a leader slower than its lease). */
async function endLease(key: string) {
  expect(await redis.pExpire(`${prefix}{${key}}:lock`, 0)).toBe(1);
}

beforeAll(async () => {
  redis = await connectNodeRedis();
});

afterEach(async () => {
  await Promise.all(coordinators.splice(0).map((c) => c.close()));
  for (const client of connections.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await deleteKeys(redis, prefix);
});

afterAll(() => {
  redis.destroy();
});

describe('a leader that lost its lock', () => {
  it('stores its late success without releasing the lock of the next leader: a third process joins that leader', async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    const log = createRedisEventLog();
    const key = await newKey();
    // Without replay the late leader's stored result does not answer new callers: the lock does.
    const context = makeContext({ replaySeconds: 0 });
    const [late, next] = [coordinator(), coordinator()];
    const third = coordinator({ client: log.wrap(fromNodeRedis(redis)) });

    const lateRun = late.run(key, fake.refresh, context);
    const lateCall = await fake.nextCall();
    await endLease(key);
    const nextRun = next.run(key, fake.refresh, context);
    await fake.nextCall();
    lateCall.succeed();
    expect((await lateRun).refresh).toBe('led');

    const thirdRun = third.run(key, fake.refresh, context);
    await log.untilAttempts(1);
    fake.releaseAll();
    const [nextOutcome, thirdOutcome] = await Promise.all([nextRun, thirdRun]);
    expect(fake.calls).toBe(2);
    expect(nextOutcome.refresh).toBe('led');
    expect(thirdOutcome.refresh).toBe('joined');
    expect(thirdOutcome.sealedSession).toBe(nextOutcome.sealedSession);
  });

  it("reports its late failure without releasing the next leader's lock or failing its waiters: a third process joins that leader", async () => {
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    const log = createRedisEventLog();
    const key = await newKey();
    const [late, next] = [coordinator(), coordinator()];
    const third = coordinator({ client: log.wrap(fromNodeRedis(redis)) });

    const lateRun = late.run(key, fake.refresh, makeContext());
    const lateCall = await fake.nextCall();
    await endLease(key);
    const nextRun = next.run(key, fake.refresh, makeContext());
    await fake.nextCall();
    lateCall.fail(new AuthKitError('upstream_unavailable', 'WorkOS did not answer'));
    await expect(lateRun).rejects.toMatchObject({ code: 'upstream_unavailable' });

    const thirdRun = third.run(key, fake.refresh, makeContext());
    await log.untilAttempts(1);
    fake.releaseAll();
    const [nextOutcome, thirdOutcome] = await Promise.all([nextRun, thirdRun]);
    expect(fake.calls).toBe(2);
    expect(thirdOutcome.refresh).toBe('joined');
    expect(thirdOutcome.sealedSession).toBe(nextOutcome.sealedSession);
  });

  it('cleans up after a timed-out lock attempt without releasing the lock another process holds', async () => {
    // CLIENT PAUSE holds every client of the server: a server of this test alone.
    const server = await startRedisServer();
    servers.push(server);
    const [shared, slowConnection] = await Promise.all([connection(server.url), connection(server.url)]);
    prefix = uniquePrefix();
    const fake = createFakeRefresher({ held: true });
    const log = createRedisEventLog();
    const key = await newKey();
    const holder = coordinator({ client: fromNodeRedis(shared) });
    const slow = coordinator({
      client: fromNodeRedis(slowConnection),
      commandTimeoutMs: 50,
      logger: () => {},
    });
    const third = coordinator({ client: log.wrap(fromNodeRedis(shared)) });

    const holding = holder.run(key, fake.refresh, makeContext());
    await fake.nextCall();
    // Writes (scripts included) now wait: the lock attempt times out, the run falls back to its
    // process, and the attempt's clean-up is queued behind it.
    await shared.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']);
    const fallingBack = slow.run(key, fake.refresh, makeContext());
    (await fake.nextCall()).succeed();
    expect((await fallingBack).refresh).toBe('led');
    expect(slow.degraded).toBe(true);
    await shared.sendCommand(['CLIENT', 'UNPAUSE']);
    // Replies come in order: once this one is back, the late attempt and its clean-up have run.
    await slowConnection.ping();

    const thirdRun = third.run(key, fake.refresh, makeContext());
    await log.untilAttempts(1);
    fake.releaseAll();
    const [held, thirdOutcome] = await Promise.all([holding, thirdRun]);
    expect(fake.calls).toBe(2);
    expect(thirdOutcome.refresh).toBe('joined');
    expect(thirdOutcome.sealedSession).toBe(held.sealedSession);
  });
});
