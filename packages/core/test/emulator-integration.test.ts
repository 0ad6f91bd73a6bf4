import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthKitCore, type AuthKitOptions, isAuthKitError, type Session } from '../src/index.ts';
import { emulatorCoreOptions, emulatorSessionCookie } from './emulator-core.ts';
import { cookieHeaderFrom, requestWithCookies } from './fake-workos.ts';

// The real @workos-inc/node SDK inside core, against the emulator over loopback HTTP.
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ autoLogin: true });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
});

function coreOptions(overrides: Partial<AuthKitOptions> = {}): AuthKitOptions {
  return emulatorCoreOptions(emulator, { issuer: emulator.issuer, ...overrides });
}

const sessionCookie = (core: AuthKitCore, options: Parameters<Emulator['issueSession']>[0] = {}) =>
  emulatorSessionCookie(emulator, core, options);

describe('core with the real SDK against the emulator', () => {
  it('signs in (PKCE + state), authenticates, refreshes, and signs out', async () => {
    const core = new AuthKitCore(coreOptions());
    const signIn = await core.getSignInUrl({ returnTo: '/account', loginHint: 'ada@example.com' });
    expect(signIn.url.startsWith(`${emulator.url}/user_management/authorize?`)).toBe(true);

    const authorize = await fetch(signIn.url, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const callbackUrl = authorize.headers.get('location')!;
    expect(callbackUrl).toMatch(/^http:\/\/localhost:3000\/callback\?code=/);

    const callback = await core.handleCallback(
      requestWithCookies(cookieHeaderFrom(signIn.setCookies), callbackUrl),
    );
    expect(callback.redirectTo).toBe('http://localhost:3000/account');
    expect(callback.auth.user.email).toBe('ada@example.com');
    expect(emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);
    // The sign-in cookie is cleared once used.
    expect(callback.setCookies.some((cookie) => /^wos-session-sign-in=; .*Max-Age=0/.test(cookie))).toBe(
      true,
    );

    const cookie = cookieHeaderFrom(callback.setCookies);
    const fresh = new AuthKitCore(coreOptions());
    const authenticated = await fresh.authenticate(requestWithCookies(cookie));
    expect(authenticated.auth?.user.email).toBe('ada@example.com');
    expect(authenticated.auth?.sessionId).toMatch(/^session_/);
    expect(authenticated.setCookies).toEqual([]);

    const refreshed = await fresh.refreshSession(authenticated.session!);
    expect(refreshed.refresh).toBe('led');
    expect(refreshed.auth?.accessToken).not.toBe(authenticated.auth?.accessToken);
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(1);

    const signOut = await fresh.signOut(requestWithCookies(cookieHeaderFrom(refreshed.setCookies)), {
      returnTo: '/',
    });
    expect(signOut.redirectTo).toContain(
      `${emulator.url}/user_management/sessions/logout?session_id=${authenticated.auth?.sessionId}`,
    );
    const logout = await fetch(signOut.redirectTo, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:3000/');

    // The session has ended upstream: its refresh token is refused and the user is signed out cleanly.
    const ended = await new AuthKitCore(coreOptions())
      .refreshSession(refreshed.session!)
      .catch((error: unknown) => error);
    expect(isAuthKitError(ended) && ended.code).toBe('refresh_rejected');
  });

  it('50 parallel requests with an expired session make exactly one upstream refresh', async () => {
    const core = new AuthKitCore(coreOptions());
    const cookie = await sessionCookie(core, { accessTokenTtlSeconds: -30 });
    emulator.injectFault({ endpoint: 'authenticate', latencyMs: 50 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => core.authenticate(requestWithCookies(cookie))),
    );
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
    expect(emulator.stats().authenticate.refreshToken.rejected).toBe(0);
    expect(new Set(results.map((result) => result.auth?.accessToken)).size).toBe(1);
    expect(results.every((result) => result.auth?.user.email === 'ada@example.com')).toBe(true);
  });

  it('keeps the organization across an expired-token refresh and switches on request', async () => {
    const core = new AuthKitCore(coreOptions());
    const issued = emulator.issueSession({ accessTokenTtlSeconds: -30 });
    expect(issued.organizationId).toBeDefined();
    const cookie = `wos-session=${await core.sealSession({
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      user: issued.user as unknown as Session['user'],
    })}`;
    const refreshed = await core.authenticate(requestWithCookies(cookie));
    expect(refreshed.auth?.organizationId).toBe(issued.organizationId);

    const memberships = await fetch(
      `${emulator.url}/user_management/organization_memberships?user_id=${issued.user.id}`,
      { headers: { authorization: `Bearer ${emulator.apiKey}` } },
    ).then((response) => response.json() as Promise<{ data: Array<{ organization_id: string }> }>);
    const other = memberships.data
      .map((membership) => membership.organization_id)
      .find((id) => id !== issued.organizationId);
    expect(other).toBeDefined();
    const switched = await core.switchToOrganization(refreshed.session!, other!);
    expect(switched.auth?.organizationId).toBe(other);
    expect(emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);

    // A plain refreshSession stays in the organization switched to.
    const again = await core.refreshSession(switched.session!);
    expect(again.auth?.organizationId).toBe(other);
    expect(emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);
  });

  it('waits out a 429 with Retry-After, and keeps the cookie on a 500', async () => {
    const core = new AuthKitCore(coreOptions({ refreshTimeoutSeconds: 5 }));
    const cookie = await sessionCookie(core, { accessTokenTtlSeconds: -30 });
    emulator.injectFault({ endpoint: 'authenticate', status: 429, retryAfterSeconds: 1, times: 1 });
    const result = await core.authenticate(requestWithCookies(cookie));
    expect(result.auth?.user.email).toBe('ada@example.com');
    expect(emulator.stats().requests.authenticate).toBe(2);

    const second = await sessionCookie(core, { accessTokenTtlSeconds: -30 });
    emulator.injectFault({ endpoint: 'authenticate', status: 500, times: 1 });
    const failure = await core.authenticate(requestWithCookies(second)).catch((error: unknown) => error);
    expect(isAuthKitError(failure) && failure.code).toBe('upstream_unavailable');
    const recovered = await core.authenticate(requestWithCookies(second));
    expect(recovered.auth?.user.email).toBe('ada@example.com');
  });

  it('rejects tokens from another issuer', async () => {
    const core = new AuthKitCore(
      coreOptions({ issuer: 'https://api.workos.com/user_management/someone_else' }),
    );
    const result = await core.authenticate(requestWithCookies(await sessionCookie(core)));
    expect(result.auth).toBeNull();
    expect(result.setCookies[0]).toMatch(/Max-Age=0/);
  });
});
