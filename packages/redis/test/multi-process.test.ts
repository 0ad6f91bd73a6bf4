// Real processes, real Redis, the real core against the emulator: the scenarios of issue 7.
import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerConfig } from './fixtures/refresh-worker.js';
import { connectNodeRedis, deleteKeys, PASSWORD, REDIS_URL, readKeys, uniquePrefix } from './helpers.js';
import { startHoldingProxy } from './holding-proxy.js';
import { expiredSessionCookie, startRedisServer, startWorker, type WorkerHandle } from './process-harness.js';

let emulator: Emulator;
let redis: Awaited<ReturnType<typeof connectNodeRedis>>;
const prefixes: string[] = [];
const workers: WorkerHandle[] = [];

function baseConfig(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  const keyPrefix = uniquePrefix();
  prefixes.push(keyPrefix);
  return {
    emulatorPort: emulator.port,
    clientId: emulator.clientId,
    apiKey: emulator.apiKey,
    cookiePassword: PASSWORD,
    redisUrl: REDIS_URL,
    keyPrefix,
    refreshReplaySeconds: 10,
    refreshTimeoutSeconds: 5,
    ...overrides,
  };
}

async function startWorkers(count: number, config: WorkerConfig) {
  const started = await Promise.all(Array.from({ length: count }, () => startWorker(config)));
  workers.push(...started);
  return started;
}

/** Re-checks `condition` until it holds (the processes report nothing by themselves). */
async function until(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** How many coordinators listen for results under `keyPrefix`: each waiting process subscribes. */
async function subscribers(keyPrefix: string): Promise<number> {
  const counts = await redis.pubSubNumSub(`${keyPrefix}refreshed`);
  return Number(Object.values(counts)[0] ?? 0);
}

const refreshStats = () => emulator.stats().authenticate.refreshToken;
const authenticateRequests = () => emulator.stats().requests.authenticate;

beforeAll(async () => {
  emulator = await startEmulator();
  redis = await connectNodeRedis();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  emulator.reset();
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  redis.destroy();
  await emulator?.stop();
});

describe('several processes sharing Redis', () => {
  it('4 processes × 25 concurrent requests on one expired session: 1 upstream refresh, 0 failures, one new session; a late request replays', async () => {
    const config = baseConfig();
    const [first, second, third, fourth] = await startWorkers(4, config);
    const { cookie, refreshToken } = await expiredSessionCookie(emulator);
    emulator.reset();

    const results = (
      await Promise.all([first, second, third, fourth].map((worker) => worker!.authenticate(cookie, 25)))
    ).flat();

    expect(results).toHaveLength(100);
    expect(results.filter((r) => !r.ok || !r.signedIn)).toEqual([]);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(new Set(results.map((r) => r.refreshToken)).size).toBe(1);
    expect(results[0]!.refreshToken).not.toBe(refreshToken);
    expect(new Set(results.map((r) => r.setCookies?.join('\n'))).size).toBe(1);
    expect(results.filter((r) => r.refresh === 'led')).toHaveLength(1);
    expect(refreshStats()).toMatchObject({ succeeded: 1, rejected: 0, reuseRejected: 0 });
    expect(authenticateRequests()).toBe(1);

    // Redis holds no raw token after the run.
    const stored = await readKeys(redis, config.keyPrefix);
    expect(stored.size).toBeGreaterThan(0);
    for (const [name, value] of stored) {
      for (const secret of [refreshToken, results[0]!.refreshToken!, results[0]!.accessToken!]) {
        expect(name).not.toContain(secret);
        expect(value ?? '').not.toContain(secret);
      }
    }

    // A late request, in a process that took no part, still carrying the rotated-away token.
    const [late] = await startWorkers(1, config);
    const lateResults = await late!.authenticate(cookie, 3);
    expect(lateResults.map((r) => r.refresh)).toEqual(['replayed', 'replayed', 'replayed']);
    expect(lateResults.every((r) => r.accessToken === results[0]!.accessToken)).toBe(true);
    expect(lateResults.every((r) => r.refreshToken === results[0]!.refreshToken)).toBe(true);
    expect(authenticateRequests()).toBe(1);
    for (const worker of workers) expect(worker.logs).toEqual([]);
  });

  it('the leader process killed (SIGKILL) mid-refresh: the others wait out its lease, then recover with one more upstream call', async () => {
    // Lease = deadline (2 s) + 2 s margin = 4 s.
    const config = baseConfig({ refreshTimeoutSeconds: 2 });
    const [leader, ...others] = await startWorkers(4, config);
    const { cookie } = await expiredSessionCookie(emulator);
    emulator.reset();
    // The leader's call hangs in the emulator and is never worked on (the request dies with the process).
    emulator.injectFault({
      endpoint: 'authenticate',
      grantType: 'refresh_token',
      latencyMs: 60_000,
      status: 503,
      times: 1,
    });

    const leaderResults = leader!.authenticate(cookie, 25).catch((error: Error) => error);
    await until(() => authenticateRequests() === 1);
    const pendingResults = others.map((worker) => worker.authenticate(cookie, 25));
    // All three wait for the leader...
    await until(async () => (await subscribers(config.keyPrefix)) === 3);
    leader!.child.kill('SIGKILL');
    expect(await leaderResults).toBeInstanceOf(Error);

    // ...whose lock outlives it by its lease at most; when the lease ends, one of them takes over.
    const locks = [...(await readKeys(redis, config.keyPrefix)).keys()].filter((name) =>
      name.endsWith(':lock'),
    );
    expect(locks).toHaveLength(1);
    const leaseLeftMs = await redis.pTTL(locks[0]!);
    expect(leaseLeftMs).toBeGreaterThan(0);
    expect(leaseLeftMs).toBeLessThanOrEqual(4_000);
    expect(authenticateRequests()).toBe(1);
    await redis.pExpire(locks[0]!, 0);

    const results = (await Promise.all(pendingResults)).flat();
    expect(results).toHaveLength(75);
    expect(results.filter((r) => !r.ok || !r.signedIn)).toEqual([]);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(results.filter((r) => r.refresh === 'led')).toHaveLength(1);
    expect(authenticateRequests()).toBe(2);
    expect(refreshStats()).toMatchObject({ succeeded: 1, rejected: 0 });
  }, 30_000);

  it('Redis stopped mid-run: requests keep succeeding through the in-process fallback, logged once per process', async () => {
    const server = await startRedisServer();
    // Between the workers and the emulator: holds the leader's answer while Redis goes down.
    const upstream = await startHoldingProxy(emulator.port);
    try {
      const config = baseConfig({ redisUrl: server.url, emulatorPort: upstream.port, fallbackSeconds: 60 });
      const [first, second] = await startWorkers(2, config);

      // Coordinated through Redis while it runs.
      const before = await expiredSessionCookie(emulator);
      emulator.reset();
      const shared = (
        await Promise.all([first!.authenticate(before.cookie, 10), second!.authenticate(before.cookie, 10)])
      ).flat();
      expect(shared.filter((r) => !r.ok)).toEqual([]);
      expect(refreshStats().succeeded).toBe(1);

      // Redis dies while a refresh is in flight: the leader cannot publish, its callers still succeed.
      const during = await expiredSessionCookie(emulator);
      emulator.reset();
      upstream.hold();
      const inFlight = first!.authenticate(during.cookie, 25);
      await until(() => authenticateRequests() === 1);
      await server.stop();
      upstream.release();
      const duringResults = await inFlight;
      expect(duringResults.filter((r) => !r.ok || !r.signedIn)).toEqual([]);
      expect(new Set(duringResults.map((r) => r.accessToken)).size).toBe(1);

      // Afterwards each process coordinates its own requests.
      const own = await Promise.all([expiredSessionCookie(emulator), expiredSessionCookie(emulator)]);
      emulator.reset();
      const after = await Promise.all([
        first!.authenticate(own[0].cookie, 25),
        second!.authenticate(own[1].cookie, 25),
      ]);
      for (const results of after) {
        expect(results.filter((r) => !r.ok || !r.signedIn)).toEqual([]);
        expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
      }
      expect(refreshStats()).toMatchObject({ succeeded: 2, rejected: 0 });
      for (const worker of [first!, second!]) {
        expect(worker.logs).toHaveLength(1);
        expect(worker.logs[0]).toMatch(/Redis unavailable/);
      }
    } finally {
      await server.stop();
      await upstream.close();
    }
  }, 30_000);
});
