// Issue 7, shared by the example-app tests: two instances of one built example app on two ports,
// sharing one Redis through REDIS_URL. Parallel requests with one expired session cookie, split
// across both, refresh once; with the Redis of REDIS_URL down, the app still serves.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sealSession } from '@authkit-ssr/core';
import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import type { User } from '@workos-inc/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  freePort,
  type RunningApp,
  runCommand,
  startApp,
} from '../../../internal/adapter-contract/src/app-process.ts';
import type { AdapterContractTarget } from '../../../internal/adapter-contract/src/contract-environment.ts';
import { sessionSetCookies } from '../../../internal/adapter-contract/src/cookie-jar.ts';
import { connectNodeRedis, deleteKeys, PASSWORD, REDIS_URL, readKeys, uniquePrefix } from './helpers.js';

export const COOKIE_NAME = 'wos-session';

export interface TwoInstancesOptions {
  target: AdapterContractTarget;
  exampleDir: string;
  /** A file of the production build, relative to `exampleDir`: its age says whether to rebuild. */
  builtFile: string;
  /** What the build is made from, relative to `exampleDir` (the adapter's src, core's and this package's dist). */
  buildInputs: string[];
  buildTimeoutMs?: number;
  /** Timeout of the `beforeAll` that builds the example. */
  setupTimeoutMs?: number;
}

/** Resolves once no process has this pid (RunningApp reports no exit by itself). */
async function untilExited(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The newest modification time of a file or of any file below a directory (0 when missing). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Registers the hooks of an example-app test (build the example if stale, start the emulator and a
 * Redis connection; stop the apps after each test; delete the test keys at the end) and returns
 * the scenarios and helpers its tests use.
 */
export function useTwoInstances(options: TwoInstancesOptions) {
  const { target, exampleDir } = options;
  const { paths } = target;
  let emulator: Emulator;
  let redis: Awaited<ReturnType<typeof connectNodeRedis>>;
  const apps: RunningApp[] = [];
  const prefixes: string[] = [];

  /**
   * Builds the example unless its production build is newer than everything it is built from. In a
   * full `vitest run` the adapter project's global setup (or contract test) has built it before, so
   * it is not built twice. `AUTHKIT_CONTRACT_SKIP_BUILD=1` never builds. Core's and this package's
   * `dist` come from the root `pnpm build`, as for the contract suite.
   */
  async function ensureExampleBuilt(): Promise<void> {
    if (process.env.AUTHKIT_CONTRACT_SKIP_BUILD === '1' || !target.build) return;
    const built = newestMtime(join(exampleDir, options.builtFile));
    const inputs = options.buildInputs.map((input) => join(exampleDir, input));
    if (built > 0 && inputs.every((input) => newestMtime(input) < built)) return;
    await runCommand(target.build, options.buildTimeoutMs);
  }

  beforeAll(async () => {
    await ensureExampleBuilt();
    emulator = await startEmulator();
    redis = await connectNodeRedis();
  }, options.setupTimeoutMs ?? 240_000);

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    emulator.reset();
  });

  afterAll(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    if (redis) {
      for (const prefix of prefixes) await deleteKeys(redis, prefix);
      redis.destroy();
    }
    await emulator?.stop();
  });

  /** One production server of the example on a free port, wired to the emulator (as the contract suite does). */
  async function startExample(extraEnv: Record<string, string>): Promise<RunningApp> {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      WORKOS_CLIENT_ID: emulator.clientId,
      WORKOS_API_KEY: emulator.apiKey,
      WORKOS_API_HOSTNAME: '127.0.0.1',
      WORKOS_API_HTTPS: 'false',
      WORKOS_API_PORT: String(emulator.port),
      WORKOS_REDIRECT_URI: `http://127.0.0.1:${port}${paths.callback}`,
      WORKOS_COOKIE_PASSWORD: PASSWORD,
      ...target.env,
      ...extraEnv,
    };
    const spec = target.start({ port, env });
    const app = await startApp(
      { ...spec, env: { ...env, ...spec.env } },
      { port, readyPath: paths.home, timeoutMs: target.startupTimeoutMs },
    );
    apps.push(app);
    return app;
  }

  /** Two instances sharing the Redis of REDIS_URL under a fresh key prefix. */
  async function startTwoInstances() {
    const keyPrefix = uniquePrefix();
    prefixes.push(keyPrefix);
    const env = { REDIS_URL, AUTHKIT_REDIS_PREFIX: keyPrefix };
    const instances = await Promise.all([startExample(env), startExample(env)]);
    return { keyPrefix, instances };
  }

  /** A session cookie whose access token has expired: the next request must refresh it. */
  async function expiredSessionCookie() {
    const issued = emulator.issueSession({ accessTokenTtlSeconds: -60 });
    const session = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      user: issued.user as unknown as User,
    };
    return {
      cookie: `${COOKIE_NAME}=${await sealSession(session, [PASSWORD])}`,
      refreshToken: issued.refreshToken,
      email: issued.user.email,
    };
  }

  async function get(app: RunningApp, path: string, cookie: string): Promise<Response> {
    return fetch(new URL(path, app.url), { redirect: 'manual', headers: { cookie } });
  }

  /** The session cookie a response sets, as `name=value` pairs (chunks included), or '' for none. */
  function newSession(response: Response): string {
    const cookies = sessionSetCookies(response, COOKIE_NAME);
    expect(cookies.every((cookie) => !cookie.deleted)).toBe(true);
    return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  /** The last output of every instance, for failure messages. */
  function output(instances: RunningApp[]): string {
    return instances.map((app) => app.output().slice(-2_000)).join('\n---\n');
  }

  /**
   * Two instances on two ports sharing Redis: 24 parallel requests with one expired cookie, split
   * across both (alternating instance and path: each instance gets pages and API calls) → 1 upstream
   * refresh, one new session, coordinated through Redis; a late request replays it.
   */
  async function expectOneRefreshAcrossInstances(): Promise<void> {
    const { keyPrefix, instances } = await startTwoInstances();
    expect(instances[0]!.port).not.toBe(instances[1]!.port);
    const { cookie, refreshToken, email } = await expiredSessionCookie();
    emulator.reset();

    const requests = Array.from({ length: 24 }, (_, index) => ({
      app: instances[index % 2]!,
      path: Math.floor(index / 2) % 2 === 0 ? paths.protectedPage : paths.api,
    }));
    const responses = await Promise.all(requests.map(({ app, path }) => get(app, path, cookie)));

    expect(
      responses.map((response) => response.status),
      output(instances),
    ).toEqual(responses.map(() => 200));
    const stats = emulator.stats();
    expect(stats.authenticate.refreshToken.succeeded).toBe(1);
    expect(stats.authenticate.refreshToken.rejected).toBe(0);
    expect(stats.requests.authenticate).toBe(1);

    const sessions = responses.map(newSession);
    expect(
      sessions.every((session) => session !== ''),
      'every response sets the new session',
    ).toBe(true);
    expect(new Set(sessions).size, 'all responses carry the same new session').toBe(1);

    const refreshes: unknown[] = [];
    for (const [index, response] of responses.entries()) {
      if (requests[index]!.path === paths.api) {
        const body = (await response.json()) as { user: { email: string } | null; refresh?: unknown };
        expect(body.user?.email).toBe(email);
        refreshes.push(body.refresh);
      } else {
        expect(await response.text()).toContain(email);
      }
    }
    for (const refresh of refreshes) expect(['led', 'joined', 'replayed']).toContain(refresh);

    // The coordination went through Redis (keys under this prefix), and Redis holds no raw token.
    const stored = await readKeys(redis, keyPrefix);
    expect(stored.size).toBeGreaterThan(0);
    for (const [name, value] of stored) {
      expect(name).not.toContain(refreshToken);
      expect(value ?? '').not.toContain(refreshToken);
    }

    // A late request with the old cookie, on each instance: the same new session, no upstream call.
    for (const app of instances) {
      const late = await get(app, paths.api, cookie);
      expect(late.status).toBe(200);
      expect(((await late.json()) as { refresh?: unknown }).refresh).toBe('replayed');
      expect(newSession(late)).toBe(sessions[0]);
    }
    expect(emulator.stats().requests.authenticate).toBe(1);
  }

  /**
   * With the Redis of REDIS_URL down the example starts and serves: 6 parallel requests with one
   * expired cookie refresh once, in the process. With `stopsOnSigterm`, SIGTERM alone ends it while
   * Redis is unreachable.
   */
  async function expectFallbackWhenRedisDown(check: { stopsOnSigterm?: boolean } = {}): Promise<void> {
    const deadPort = await freePort();
    const app = await startExample({
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
      AUTHKIT_REDIS_PREFIX: uniquePrefix(),
    });
    const { cookie, email } = await expiredSessionCookie();
    emulator.reset();

    const responses = await Promise.all(Array.from({ length: 6 }, () => get(app, paths.api, cookie)));
    expect(
      responses.map((response) => response.status),
      app.output(),
    ).toEqual(responses.map(() => 200));
    for (const response of responses) {
      expect(((await response.json()) as { user: { email: string } | null }).user?.email).toBe(email);
    }
    expect(new Set(responses.map(newSession)).size).toBe(1);
    expect(emulator.stats().authenticate.refreshToken).toMatchObject({ succeeded: 1, rejected: 0 });

    if (check.stopsOnSigterm) {
      // SIGTERM alone must end it. (app.stop() would SIGKILL after 5 s; if SIGTERM is not enough the
      // test times out instead.)
      process.kill(app.pid!, 'SIGTERM');
      await untilExited(app.pid!);
    }
  }

  return {
    get emulator() {
      return emulator;
    },
    /** Every key under `keyPrefix` in the shared Redis, with its value. */
    storedKeys: (keyPrefix: string) => readKeys(redis, keyPrefix),
    startTwoInstances,
    get,
    output,
    expectOneRefreshAcrossInstances,
    expectFallbackWhenRedisDown,
  };
}
