import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthKitCore, type AuthKitOptions, isAuthKitError, type Session } from '../src/index.ts';
import { createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';

let fake: FakeWorkOS;
beforeAll(async () => {
  fake = await createFakeWorkOS();
});
afterAll(async () => {
  await fake.close();
});

async function cookieFor(core: AuthKitCore, session: Session): Promise<string> {
  return `wos-session=${await core.sealSession(session)}`;
}

async function distinctCookies(core: AuthKitCore, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, async () => cookieFor(core, await fake.issueSession())));
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/sso/jwks/client_test`;
}

describe('JWKS cache', () => {
  it('fetches the JWKS once for many verifications, sequential and concurrent', async () => {
    const core = new AuthKitCore(fake.options({ sessionCacheMaxEntries: 0 }));
    const cookies = await distinctCookies(core, 5);
    const before = fake.calls.jwks;
    for (let round = 0; round < 5; round++) {
      for (const cookie of cookies)
        expect((await core.authenticate(requestWithCookies(cookie))).auth).not.toBeNull();
    }
    expect(core.metrics().tokenVerifications).toBe(25);
    expect(fake.calls.jwks - before).toBe(1);

    const concurrent = new AuthKitCore(fake.options({ sessionCacheMaxEntries: 0 }));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        concurrent.authenticate(requestWithCookies(cookies[index % 5]!)),
      ),
    );
    expect(results.every((result) => result.auth?.user.id === 'user_ada')).toBe(true);
    expect(fake.calls.jwks - before).toBe(2);
  });
});

describe('verified-session cache', () => {
  it('answers a cookie seen before without an unseal or a signature check', async () => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession({ organizationId: 'org_alpha' });
    const cookie = await cookieFor(core, session);

    const first = await core.authenticate(requestWithCookies(cookie));
    expect(core.metrics()).toMatchObject({ unseals: 1, tokenVerifications: 1, sessionCacheHits: 0 });
    for (let index = 0; index < 10; index++) {
      const again = await core.authenticate(requestWithCookies(cookie));
      expect(again.auth).toEqual(first.auth);
      expect(again.setCookies).toEqual([]);
    }
    expect(core.metrics()).toMatchObject({ unseals: 1, tokenVerifications: 1, sessionCacheHits: 10 });
    expect(first.auth).toMatchObject({
      organizationId: 'org_alpha',
      role: 'member',
      permissions: ['posts:read'],
    });
  });

  it('shares one unseal among concurrent first reads of a cookie', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession());
    const results = await Promise.all(
      Array.from({ length: 50 }, () => core.authenticate(requestWithCookies(cookie))),
    );
    expect(results.every((result) => result.auth?.user.id === 'user_ada')).toBe(true);
    expect(core.metrics()).toMatchObject({ unseals: 1, tokenVerifications: 1 });
  });

  it('is bounded and evicts the least recently used entry', async () => {
    const core = new AuthKitCore(fake.options({ sessionCacheMaxEntries: 3 }));
    const cookies = await distinctCookies(core, 5);
    for (const cookie of cookies) await core.authenticate(requestWithCookies(cookie));
    expect(core.metrics().unseals).toBe(5);

    // The newest three are cached; the oldest was evicted and costs an unseal again.
    await core.authenticate(requestWithCookies(cookies[4]!));
    await core.authenticate(requestWithCookies(cookies[2]!));
    expect(core.metrics()).toMatchObject({ unseals: 5, sessionCacheHits: 2 });
    await core.authenticate(requestWithCookies(cookies[0]!));
    expect(core.metrics()).toMatchObject({ unseals: 6, sessionCacheHits: 2 });

    // Least recently used first, the cache now holds 4, 2, 0. Touching 4 leaves 2 the least recently
    // used: adding 1 evicts 2 while 4 and 0 stay.
    await core.authenticate(requestWithCookies(cookies[4]!));
    await core.authenticate(requestWithCookies(cookies[1]!));
    expect(core.metrics()).toMatchObject({ unseals: 7, sessionCacheHits: 3 });
    await core.authenticate(requestWithCookies(cookies[4]!));
    await core.authenticate(requestWithCookies(cookies[0]!));
    expect(core.metrics()).toMatchObject({ unseals: 7, sessionCacheHits: 5 });
    await core.authenticate(requestWithCookies(cookies[2]!));
    expect(core.metrics()).toMatchObject({ unseals: 8, sessionCacheHits: 5 });
  });

  it('drops an entry when its token enters the refresh window', async () => {
    let offsetMs = 0;
    const core = new AuthKitCore(
      fake.options({ refreshBeforeExpirySeconds: 60, now: () => Date.now() + offsetMs }),
    );
    const cookie = await cookieFor(core, await fake.issueSession({ ttlSeconds: 300 }));
    await core.authenticate(requestWithCookies(cookie));

    offsetMs = 230_000;
    const stillFresh = await core.authenticate(requestWithCookies(cookie));
    expect(stillFresh.refresh).toBeUndefined();
    expect(core.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 1 });

    offsetMs = 245_000;
    const refreshes = fake.calls.refresh;
    const due = await core.authenticate(requestWithCookies(cookie));
    expect(core.metrics()).toMatchObject({ unseals: 2, tokenVerifications: 2, sessionCacheHits: 1 });
    expect(due.refresh).toBe('led');
    expect(fake.calls.refresh - refreshes).toBe(1);
  });

  it('is disabled by sessionCacheMaxEntries: 0', async () => {
    const core = new AuthKitCore(fake.options({ sessionCacheMaxEntries: 0 }));
    const cookie = await cookieFor(core, await fake.issueSession());
    await core.authenticate(requestWithCookies(cookie));
    await core.authenticate(requestWithCookies(cookie));
    await core.authenticate(requestWithCookies(cookie));
    expect(core.metrics()).toMatchObject({ unseals: 3, tokenVerifications: 3, sessionCacheHits: 0 });
  });

  it('keeps separate caches per instance', async () => {
    const first = new AuthKitCore(fake.options());
    const second = new AuthKitCore(fake.options());
    const cookie = await cookieFor(first, await fake.issueSession());
    await first.authenticate(requestWithCookies(cookie));
    await first.authenticate(requestWithCookies(cookie));
    await second.authenticate(requestWithCookies(cookie));
    expect(first.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 1 });
    expect(second.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 0 });
  });
});

describe('key rotation', () => {
  it('verifies a token signed with a new key after one refetch, and old keys keep working', async () => {
    const [rotating, stranger] = await Promise.all([createFakeWorkOS(), generateKeyPair('RS256')]);
    try {
      const core = new AuthKitCore(rotating.options({ sessionCacheMaxEntries: 0 }));
      const oldCookie = await cookieFor(core, await rotating.issueSession());
      expect((await core.authenticate(requestWithCookies(oldCookie))).auth).not.toBeNull();
      expect(rotating.calls.jwks).toBe(1);

      await rotating.rotateKey();
      const newSession = await rotating.issueSession();
      const result = await core.authenticate(requestWithCookies(await cookieFor(core, newSession)));
      expect(result.auth?.accessToken).toBe(newSession.accessToken);
      expect(rotating.calls.jwks).toBe(2);

      // Both keys are now known: no further fetches.
      expect((await core.authenticate(requestWithCookies(oldCookie))).auth).not.toBeNull();
      expect(rotating.calls.jwks).toBe(2);

      // Another unknown key id right after cannot force yet another fetch: it cannot be checked
      // yet (503, cookie kept) rather than signing the user out.
      const forged = await new SignJWT({ sub: 'user_ada', sid: 'session_x' })
        .setProtectedHeader({ alg: 'RS256', kid: 'sso_oidc_key_pair_forged' })
        .setExpirationTime('5m')
        .sign(stranger.privateKey);
      const refused = await core
        .authenticate(requestWithCookies(await cookieFor(core, { ...newSession, accessToken: forged })))
        .catch((error: unknown) => error);
      expect(isAuthKitError(refused) && refused.code).toBe('jwks_unavailable');
      expect(rotating.calls.jwks).toBe(2);
    } finally {
      await rotating.close();
    }
  });
});

describe('JWKS unavailable', () => {
  async function expectJwksUnavailable(core: AuthKitCore, cookie: string): Promise<void> {
    const error = await core.authenticate(requestWithCookies(cookie)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isAuthKitError(error)).toBe(true);
    if (!isAuthKitError(error)) return;
    expect(error.code).toBe('jwks_unavailable');
    expect(error.status).toBe(503);
    expect(error.isTransient).toBe(true);
    expect(error.message).not.toContain(cookie.slice('wos-session='.length, 40));
  }

  it('rejects with jwks_unavailable, never refreshes an expired session, and keeps the cookie usable', async () => {
    const down = await createFakeWorkOS();
    try {
      down.setJwksAvailable(false);
      const core = new AuthKitCore(down.options());
      const valid = await cookieFor(core, await down.issueSession());
      const expired = await cookieFor(core, await down.issueSession({ expired: true }));

      await expectJwksUnavailable(core, valid);
      await expectJwksUnavailable(core, expired);
      await expectJwksUnavailable(core, expired);
      expect(down.calls.refresh).toBe(0);

      // Nothing was cleared and the outage was not cached: the same cookies work once the JWKS is back.
      down.setJwksAvailable(true);
      expect((await core.authenticate(requestWithCookies(valid))).auth).not.toBeNull();
      const refreshed = await core.authenticate(requestWithCookies(expired));
      expect(refreshed.refresh).toBe('led');
      expect(down.calls.refresh).toBe(1);
    } finally {
      await down.close();
    }
  });

  it('rejects with jwks_unavailable when the JWKS URL refuses connections', async () => {
    const url = await closedPortUrl();
    const options: AuthKitOptions = fake.options({ workosApi: { ...fake.api, getJwksUrl: () => url } });
    const core = new AuthKitCore(options);
    const refreshes = fake.calls.refresh;
    await expectJwksUnavailable(core, await cookieFor(core, await fake.issueSession()));
    await expectJwksUnavailable(core, await cookieFor(core, await fake.issueSession({ expired: true })));
    expect(fake.calls.refresh).toBe(refreshes);
  });

  it('retries once a connection dropped before any answer (a stale keep-alive socket), and only once', async () => {
    let resetsLeft = 1;
    let attempts = 0;
    const proxy = createServer(async (request, response) => {
      attempts++;
      if (resetsLeft > 0) {
        resetsLeft--;
        request.socket.destroy();
        return;
      }
      const upstream = await fetch(fake.jwksUrl);
      response.writeHead(200, { 'content-type': 'application/json' }).end(await upstream.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/sso/jwks/client_test`;
    try {
      const core = new AuthKitCore(fake.options({ workosApi: { ...fake.api, getJwksUrl: () => url } }));
      const result = await core.authenticate(
        requestWithCookies(await cookieFor(core, await fake.issueSession())),
      );
      expect(result.auth?.user.id).toBe('user_ada');
      expect(attempts).toBe(2);

      resetsLeft = Number.POSITIVE_INFINITY;
      attempts = 0;
      const always = new AuthKitCore(fake.options({ workosApi: { ...fake.api, getJwksUrl: () => url } }));
      await expectJwksUnavailable(always, await cookieFor(always, await fake.issueSession()));
      expect(attempts).toBe(2);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('keeps verifying with the cached keys when the JWKS goes down after the first fetch', async () => {
    const flaky = await createFakeWorkOS();
    try {
      const core = new AuthKitCore(flaky.options());
      expect(
        (await core.authenticate(requestWithCookies(await cookieFor(core, await flaky.issueSession())))).auth,
      ).not.toBeNull();
      flaky.setJwksAvailable(false);
      const later = await core.authenticate(
        requestWithCookies(await cookieFor(core, await flaky.issueSession())),
      );
      expect(later.auth?.user.id).toBe('user_ada');
      expect(flaky.calls.jwks).toBe(1);
    } finally {
      await flaky.close();
    }
  });
});
