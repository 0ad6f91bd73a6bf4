// Issue 7: two instances of the built Next.js example (proxy.ts, Node.js) on two ports, sharing one
// Redis through REDIS_URL. Parallel requests with one expired session cookie, split across both,
// refresh once. (examples/nextjs-edge cannot use node-redis: the edge runtime has no TCP sockets.)
import { sealSession } from '@authkit-ssr/core';
import type { User } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { exampleDir, nextjsTarget as target } from '../../nextjs/test/example-targets.ts';
import { PASSWORD } from './helpers.js';
import { COOKIE_NAME, useTwoInstances } from './two-instances.ts';

// The nextjs adapter's dist, then `next build`: when the nextjs project's contract test has built it
// earlier in the same run, it is not built again.
const example = useTwoInstances({
  target,
  exampleDir,
  builtFile: '.next/BUILD_ID',
  buildInputs: [
    'app',
    'lib',
    'proxy.ts',
    'instrumentation.ts',
    'next.config.ts',
    'package.json',
    '../../packages/nextjs/src',
    '../../packages/core/dist',
    '../../packages/redis/dist',
  ],
  buildTimeoutMs: 240_000,
  setupTimeoutMs: 300_000,
});

describe('the Next.js example with REDIS_URL', () => {
  it('two instances on two ports sharing Redis: 24 parallel requests with one expired cookie → 1 upstream refresh, one new session', async () => {
    await example.expectOneRefreshAcrossInstances();
  }, 90_000);

  it("route handlers refresh through Redis too: the access-token route's early refresh, from both instances → 1 upstream refresh", async () => {
    const { emulator } = example;
    const { keyPrefix, instances } = await example.startTwoInstances();
    // Valid for 30 s: the proxy leaves it alone (it refreshes 10 s before expiry), the access-token
    // route refreshes it first (it hands out tokens valid for at least 60 s).
    const issued = emulator.issueSession({ accessTokenTtlSeconds: 30 });
    const sealed = await sealSession(
      {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        user: issued.user as unknown as User,
      },
      [PASSWORD],
    );
    const cookie = `${COOKIE_NAME}=${sealed}`;
    emulator.reset();

    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        example.get(instances[index % 2]!, '/api/auth/access-token', cookie),
      ),
    );
    expect(
      responses.map((response) => response.status),
      example.output(instances),
    ).toEqual(responses.map(() => 200));
    expect(emulator.stats().authenticate.refreshToken).toMatchObject({ succeeded: 1, rejected: 0 });
    const tokens = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { accessToken: string }).accessToken),
    );
    expect(new Set(tokens).size, 'every caller gets the same new access token').toBe(1);
    expect(tokens[0]).not.toBe(issued.accessToken);
    expect((await example.storedKeys(keyPrefix)).size).toBeGreaterThan(0);
  }, 90_000);

  it('starts, serves and stops when the Redis of REDIS_URL is down: the refresh falls back to the process', async () => {
    await example.expectFallbackWhenRedisDown({ stopsOnSigterm: true });
  }, 60_000);
});
