import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthKitCore, type AuthKitOptions, toClientAuth } from '../src/index.ts';
import { emulatorCoreOptions, emulatorSessionCookie } from './emulator-core.ts';
import { cookieHeaderFrom } from './fake-workos.ts';

// The auth routes every adapter mounts, driven as a browser would drive them, with the real SDK
// against the emulator.
const APP = 'http://localhost:3000';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ autoLogin: true });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
  emulator.configure({ refreshReuseGraceSeconds: 0 });
});

function newCore(overrides: Partial<AuthKitOptions> = {}): AuthKitCore {
  return new AuthKitCore(
    emulatorCoreOptions(emulator, { redirectUri: `${APP}/api/auth/callback`, ...overrides }),
  );
}

const sessionCookie = (core: AuthKitCore, accessTokenTtlSeconds?: number) =>
  emulatorSessionCookie(emulator, core, accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds });

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(new URL(path, APP), { headers });
}

function expectSessionCacheHeaders(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(response.headers.get('vary')).toContain('Cookie');
}

/** Follows a sign-in route through the emulator's automatic sign-in to the callback URL. */
async function signInThroughEmulator(core: AuthKitCore, path: string) {
  const { response } = await core.handleSignInRoute(get(path));
  expect(response.status).toBe(302);
  expectSessionCacheHeaders(response);
  const pendingCookie = cookieHeaderFrom(response.headers.getSetCookie());
  const authorize = await fetch(response.headers.get('location')!, { redirect: 'manual' });
  return {
    authorizeUrl: response.headers.get('location')!,
    callbackUrl: authorize.headers.get('location')!,
    pendingCookie,
  };
}

describe('sign-in and callback routes', () => {
  it('signs in: 302 to AuthKit with PKCE, then the callback lands on returnTo with the session cookie', async () => {
    const core = newCore();
    const { authorizeUrl, callbackUrl, pendingCookie } = await signInThroughEmulator(
      core,
      '/api/auth/sign-in?returnTo=/account&loginHint=ada@example.com',
    );
    const authorize = new URL(authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('login_hint')).toBe('ada@example.com');

    const { response, change } = await core.handleCallbackRoute(get(callbackUrl, { cookie: pendingCookie }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${APP}/account`);
    expectSessionCacheHeaders(response);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('wos-session='))).toBe(true);
    expect(change?.auth?.user.email).toBe('ada@example.com');
  });

  it('reads sign-up, organization and prompt from the query', async () => {
    const { response } = await newCore().handleSignInRoute(
      get('/api/auth/sign-in?screenHint=sign-up&organizationId=org_1&prompt=login'),
    );
    const url = new URL(response.headers.get('location')!);
    expect(url.searchParams.get('screen_hint')).toBe('sign-up');
    expect(url.searchParams.get('organization_id')).toBe('org_1');
    expect(url.searchParams.get('prompt')).toBe('login');
  });

  it.each([
    ['a fetch', { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
    ['a prefetch', { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-purpose': 'prefetch' }],
  ])(
    'does not start a sign-in for %s: an HTML page to load as a navigation, no cookie',
    async (_label, headers) => {
      const { response } = await newCore().handleSignInRoute(
        get('/api/auth/sign-in?returnTo=/account', headers),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.getSetCookie()).toEqual([]);
      expectSessionCacheHeaders(response);
      expect(await response.text()).toContain(
        'href="http://localhost:3000/api/auth/sign-in?returnTo=/account"',
      );
    },
  );

  it('refuses a cross-origin returnTo with a 400 page and no cookie', async () => {
    const { response } = await newCore().handleSignInRoute(
      get('/api/auth/sign-in?returnTo=https://evil.example/'),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('hands the custom state, authentication method and organization to onSuccess; returnPathname is the default landing', async () => {
    const core = newCore();
    const { response: signIn } = await core.handleSignInRoute(get('/api/auth/sign-in'), { state: 'cart=42' });
    const pendingCookie = cookieHeaderFrom(signIn.headers.getSetCookie());
    // The state sent to WorkOS stays ours (random): the app's state never travels in the URL.
    expect(new URL(signIn.headers.get('location')!).searchParams.get('state')).not.toContain('cart');
    const authorize = await fetch(signIn.headers.get('location')!, { redirect: 'manual' });
    let received: {
      state?: string | undefined;
      authenticationMethod?: string | undefined;
      organizationId?: string | undefined;
    } = {};
    const { response } = await core.handleCallbackRoute(
      get(authorize.headers.get('location')!, { cookie: pendingCookie }),
      {
        returnPathname: '/dashboard',
        onSuccess: (data) => {
          received = data;
        },
      },
    );
    expect(response.headers.get('location')).toBe(`${APP}/dashboard`);
    expect(received.state).toBe('cart=42');
    expect(received.authenticationMethod).toBeTruthy();
    expect(received.organizationId).toMatch(/^org_/);
  });

  it("lands on returnPathname when it wins over the sign-in's own return path, on the baseURL origin", async () => {
    const core = newCore();
    const { callbackUrl, pendingCookie } = await signInThroughEmulator(
      core,
      '/api/auth/sign-in?returnTo=/account',
    );
    const { response } = await core.handleCallbackRoute(get(callbackUrl, { cookie: pendingCookie }), {
      returnPathname: '/dashboard',
      returnPathnameWins: true,
      baseURL: 'https://public.example',
    });
    expect(response.headers.get('location')).toBe('https://public.example/dashboard');
  });

  it('answers a bad callback with a 400 page, a custom Response from onError, or errorRedirectUrl; never 500', async () => {
    const core = newCore();
    const bad = get('/api/auth/callback?code=abc&state=forged');
    const page = await core.handleCallbackRoute(bad);
    expect(page.response.status).toBe(400);
    expect(await page.response.text()).toContain('pkce_verifier_missing');

    const custom = await core.handleCallbackRoute(bad, {
      onError: ({ error }) => new Response(`custom ${error.code}`, { status: 418 }),
    });
    expect(custom.response.status).toBe(418);
    expect(await custom.response.text()).toBe('custom pkce_verifier_missing');

    const redirected = await core.handleCallbackRoute(bad, { errorRedirectUrl: '/sign-in-failed' });
    expect(redirected.response.status).toBe(302);
    expect(redirected.response.headers.get('location')).toBe(`${APP}/sign-in-failed`);

    const upstream = await core.handleCallbackRoute(
      get('/api/auth/callback?error=access_denied&error_description=nope'),
    );
    expect(upstream.response.status).toBe(400);
  });

  it('answers 503 with Retry-After when WorkOS cannot exchange the code', async () => {
    const core = newCore();
    const { callbackUrl, pendingCookie } = await signInThroughEmulator(core, '/api/auth/sign-in');
    emulator.injectFault({ endpoint: 'authenticate', status: 503, times: 1 });
    const { response } = await core.handleCallbackRoute(get(callbackUrl, { cookie: pendingCookie }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('sign-out route: same-origin POST only', () => {
  const signOut = (core: AuthKitCore, method: string, cookie: string, headers: Record<string, string>) =>
    core.handleSignOutRoute(
      new Request(`${APP}/api/auth/sign-out`, { method, headers: { cookie, ...headers } }),
    );

  it.each([
    ['a cross-site Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: APP }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403 and leaves the cookie alone', async (_label, headers) => {
    const core = newCore();
    const cookie = await sessionCookie(core);
    const { response, change } = await signOut(core, 'POST', cookie, headers);
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(change).toBeUndefined();
    expect((await core.authenticate(get('/', { cookie }))).auth).not.toBeNull();
  });

  it('refuses GET with 405 unless allowGet, and then still only from the same origin', async () => {
    const core = newCore();
    const cookie = await sessionCookie(core);
    const refused = await signOut(core, 'GET', cookie, { 'sec-fetch-site': 'same-origin' });
    expect(refused.response.status).toBe(405);
    expect(refused.response.headers.get('allow')).toBe('POST');
    expect(refused.response.headers.getSetCookie()).toEqual([]);

    const crossSite = await core.handleSignOutRoute(
      new Request(`${APP}/api/auth/sign-out`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } }),
      { allowGet: true },
    );
    expect(crossSite.response.status).toBe(403);
    const allowed = await core.handleSignOutRoute(
      new Request(`${APP}/api/auth/sign-out`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } }),
      { allowGet: true },
    );
    expect(allowed.response.status).toBe(303);
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['the app Origin (older browsers)', { origin: APP }],
  ])('signs out a POST with %s: 303 to WorkOS logout, cookie cleared', async (_label, headers) => {
    const core = newCore();
    const cookie = await sessionCookie(core);
    const { response, change } = await signOut(core, 'POST', cookie, headers);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('/user_management/sessions/logout?session_id=');
    expectSessionCacheHeaders(response);
    expect(response.headers.getSetCookie().every((value) => value.includes('Max-Age=0'))).toBe(true);
    expect(change).toMatchObject({ auth: null, session: null });
  });
});

describe('access-token route', () => {
  it('answers the token with cache headers, 401 when signed out, and refreshes a token about to expire', async () => {
    const core = newCore();
    const signedOut = await core.handleAccessTokenRoute(get('/api/auth/access-token'));
    expect(signedOut.response.status).toBe(401);
    expect(await signedOut.response.json()).toEqual({ accessToken: null, expiresAt: null, auth: null });

    const cookie = await sessionCookie(core, 30);
    const { response, change } = await core.handleAccessTokenRoute(get('/api/auth/access-token', { cookie }));
    expect(response.status).toBe(200);
    expectSessionCacheHeaders(response);
    const body = (await response.json()) as { accessToken: string; auth: Record<string, unknown> };
    expect(change?.refresh).toBe('led');
    expect(body.accessToken).toBe(change?.auth?.accessToken);
    expect(body.auth).not.toHaveProperty('accessToken');
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
  });

  it('answers 503 and keeps the cookie during an outage', async () => {
    const core = newCore();
    const cookie = await sessionCookie(core, -30);
    emulator.injectFault({ endpoint: 'authenticate', status: 503 });
    const { response } = await core.handleAccessTokenRoute(get('/api/auth/access-token', { cookie }));
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(((await response.json()) as { error: string }).error).toBe('upstream_unavailable');
  });
});

describe('a refresh whose answer was lost after WorkOS rotated the token', () => {
  it('within WorkOS reuse grace: retried once with the same token, the user keeps the session (2 upstream calls)', async () => {
    emulator.configure({ refreshReuseGraceSeconds: 30 });
    const core = newCore();
    const cookie = await sessionCookie(core, -30);
    emulator.injectFault({
      endpoint: 'authenticate',
      grantType: 'refresh_token',
      dropResponseAfterWork: true,
      times: 1,
    });
    const result = await core.authenticate(get('/', { cookie }));
    expect(result.auth?.user.email).toBe('ada@example.com');
    expect(result.setCookies.some((value) => value.startsWith('wos-session='))).toBe(true);
    expect(emulator.stats().requests.authenticate).toBe(2);
    expect(emulator.stats().authenticate.refreshToken.reusedWithinGrace).toBe(1);
  });

  it('strict single use: 503 with the cookie kept, then the next request signs out cleanly', async () => {
    const core = newCore();
    const cookie = await sessionCookie(core, -30);
    emulator.injectFault({
      endpoint: 'authenticate',
      grantType: 'refresh_token',
      dropResponseAfterWork: true,
      times: 1,
    });
    const failed = await core.authenticate(get('/', { cookie })).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'upstream_unavailable' });
    expect(emulator.stats().requests.authenticate).toBe(2);

    const next = await core.authenticate(get('/', { cookie }));
    expect(next.auth).toBeNull();
    expect(next.setCookies.every((value) => value.includes('Max-Age=0'))).toBe(true);
  });

  it('never waits past refreshTimeoutSeconds, retry included', async () => {
    const core = newCore({ refreshTimeoutSeconds: 1 });
    const cookie = await sessionCookie(core, -30);
    emulator.injectFault({ endpoint: 'authenticate', grantType: 'refresh_token', latencyMs: 60_000 });
    // Bounded by the test's own timeout: a hang fails the test instead of passing slowly.
    const failed = await core.authenticate(get('/', { cookie })).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'upstream_unavailable' });
  }, 10_000);
});

describe('organization selection at sign-in', () => {
  it('stops at the picker for a user of several organizations, then signs in to the chosen one', async () => {
    emulator.configure({ organizationSelection: true });
    const core = newCore();
    const { callbackUrl, pendingCookie } = await signInThroughEmulator(
      core,
      '/api/auth/sign-in?returnTo=/account',
    );
    const first = await core.handleCallbackRoute(get(callbackUrl, { cookie: pendingCookie }));
    expect(first.response.status).toBe(302);
    expect(first.change).toBeUndefined();
    const pickerUrl = new URL(first.response.headers.get('location')!);
    expect(`${pickerUrl.origin}${pickerUrl.pathname}`).toBe(`${APP}/api/auth/callback`);
    const jar = cookieHeaderFrom(first.response.headers.getSetCookie());
    expect(jar).toContain('wos-session-organization-selection=');
    expect(jar).not.toMatch(/(^|; )wos-session=/);

    const picker = await core.handleCallbackRoute(get(pickerUrl.toString(), { cookie: jar }));
    expect(picker.response.status).toBe(200);
    expectSessionCacheHeaders(picker.response);
    const html = await picker.response.text();
    expect(html).toContain('Acme');
    expect(html).toContain('Globex');
    const globexLink = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].find(
      (match) => match[2] === 'Globex',
    );
    const chosen = new URL(
      globexLink![1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
      pickerUrl,
    );

    const done = await core.handleCallbackRoute(get(chosen.toString(), { cookie: jar }));
    expect(done.response.status).toBe(302);
    expect(done.response.headers.get('location')).toBe(`${APP}/account`);
    expect(done.change?.auth?.organizationId).toBe(chosen.searchParams.get('organization_id'));
    const cookies = done.response.headers.getSetCookie();
    expect(cookies.some((value) => value.startsWith('wos-session='))).toBe(true);
    expect(cookies.some((value) => /^wos-session-organization-selection=;.*Max-Age=0/.test(value))).toBe(
      true,
    );
    expect(emulator.stats().authenticate.organizationSelection.succeeded).toBe(1);

    // The pending token is spent: the same link again is a clean 400, never a 500.
    const again = await core.handleCallbackRoute(get(chosen.toString(), { cookie: jar }));
    expect(again.response.status).toBe(400);
  });

  it("refuses a picker link without this browser's pending cookie, or an organization not offered", async () => {
    emulator.configure({ organizationSelection: true });
    const core = newCore();
    const { callbackUrl, pendingCookie } = await signInThroughEmulator(core, '/api/auth/sign-in');
    const first = await core.handleCallbackRoute(get(callbackUrl, { cookie: pendingCookie }));
    const pickerUrl = new URL(first.response.headers.get('location')!);
    const jar = cookieHeaderFrom(first.response.headers.getSetCookie());
    pickerUrl.searchParams.set('organization_id', 'org_01NOTOFFERED000000000000');
    const notOffered = await core.handleCallbackRoute(get(pickerUrl.toString(), { cookie: jar }));
    expect(notOffered.response.status).toBe(403);
    const otherBrowser = await core.handleCallbackRoute(get(pickerUrl.toString()));
    expect(otherBrowser.response.status).toBe(400);
    expect(emulator.stats().authenticate.organizationSelection.succeeded).toBe(0);
  });
});

describe('toClientAuth', () => {
  it('drops the access token and turns user data with own __proto__ / constructor keys into plain data', async () => {
    const core = newCore();
    const cookie = await sessionCookie(core);
    const { auth } = await core.authenticate(get('/', { cookie }));
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "plan": "pro"}');
    const client = toClientAuth({ ...auth!, user: { ...auth!.user, metadata } });
    expect(client).not.toHaveProperty('accessToken');
    expect(JSON.stringify(client)).not.toContain(auth!.accessToken);
    expect(Object.getPrototypeOf(client!.user.metadata)).toBe(Object.prototype);
    expect(Object.keys(client!.user.metadata)).toEqual(['constructor', 'plan']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(toClientAuth(null)).toBeNull();
  });
});
