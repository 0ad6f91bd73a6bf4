import {
  type ContractEnvironment,
  CookieJar,
  createContractClient,
  sessionSetCookies,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { DEFAULT_SEED } from '@authkit-ssr/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleTargets } from './example-target.ts';

// SvelteKit-specific behaviour of the adapter, over HTTP against the production build: what the
// shared contract suite does not look at.

const GLOBEX = DEFAULT_SEED.organizations?.find((organization) => organization.name === 'Globex')
  ?.id as string;

// A user whose WorkOS metadata has own `__proto__` and `constructor` keys (JSON allows them).
const EVE = {
  id: 'user_01JEVEEVEEVEEVEEVEEVEEVE03',
  email: 'eve@example.com',
  password: 'password',
  firstName: 'Eve',
  metadata: JSON.parse('{"__proto__": "admin", "constructor": "x", "plan": "pro"}') as Record<string, string>,
};

describe.each(exampleTargets)('$name adapter over HTTP', (target) => {
  let env: ContractEnvironment;
  const client = createContractClient(() => env, target.paths);
  const { url, request } = client;

  beforeAll(async () => {
    env = await startContractEnvironment(target, {
      emulator: { seed: { ...DEFAULT_SEED, users: [...(DEFAULT_SEED.users ?? []), EVE] } },
    });
  });

  afterAll(async () => {
    await env?.stop();
  });

  beforeEach(() => {
    env.emulator.clearFaults();
    env.emulator.configure({ accessTokenTtlSeconds: 300 });
  });

  /** Signs in (with an expired access token if asked); later tokens live 300 s, counters start at 0. */
  async function signIn(options: { expired?: boolean } = {}): Promise<CookieJar> {
    const { jar } = await client.signIn(options);
    env.emulator.configure({ accessTokenTtlSeconds: 300 });
    env.emulator.reset();
    return jar;
  }

  const formPost = (body: Record<string, string>): RequestInit => ({
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { origin: env.app.url, accept: 'text/html' },
  });

  it('signs in from the redirect of a protected page whose layout and page loads both require auth', async () => {
    const jar = new CookieJar();
    const page = await request('/account', jar);
    expect(page.status).toBe(302);
    jar.apply(page);
    const authorize = await fetch(page.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location') ?? '');
    const landed = await request(`${callback.pathname}${callback.search}`, jar);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe(url('/account'));
    jar.apply(landed);
    expect(await (await request('/account', jar)).text()).toContain('ada@example.com');
  });

  it('refreshes on a client-side navigation (__data.json): one refresh, private no-store, cookie without Secure on http', async () => {
    const jar = await signIn({ expired: true });
    const response = await request('/account/activity/__data.json', jar);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ada@example.com');
    const cookies = sessionSetCookies(response, env.cookieName);
    expect(cookies.length).toBe(1);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary')?.toLowerCase()).toContain('cookie');
    const raw = response.headers.getSetCookie().find((header) => header.startsWith(`${env.cookieName}=`));
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).not.toMatch(/Secure/i);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(1);

    // The new cookie as is: no refresh, no cookie, and still private (rendered for this user).
    const next = await request('/account/activity/__data.json', jar.clone().apply(response));
    expect(sessionSetCookies(next, env.cookieName)).toEqual([]);
    expect(next.headers.get('cache-control')).toBe('private, no-store');
  });

  it('marks signed-out responses that set the sign-in cookie private, no-store; leaves a plain signed-out page cacheable', async () => {
    for (const path of ['/account', '/account/__data.json']) {
      const response = await request(path);
      expect(response.headers.getSetCookie().length, path).toBeGreaterThan(0);
      expect(response.headers.get('cache-control'), path).toBe('private, no-store');
      expect(response.headers.get('vary')?.toLowerCase(), path).toContain('cookie');
    }
    const home = await request('/');
    expect(home.headers.getSetCookie()).toEqual([]);
    expect(home.headers.get('cache-control')).toBeNull();
  });

  it('renders pages and page data for a user whose metadata has own __proto__ and constructor keys', async () => {
    const { jar } = await client.signIn({ loginHint: EVE.email });
    for (const path of ['/', '/__data.json', '/account', '/account/__data.json', '/api/me']) {
      const response = await request(path, jar);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain(EVE.email);
    }
  });

  it('writes one session cookie, the newest, when a request refreshes and then switches organization', async () => {
    const jar = await signIn({ expired: true });
    const response = await request('/api/organization', jar, formPost({ organizationId: GLOBEX }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ organizationId: GLOBEX });
    const cookies = sessionSetCookies(response, env.cookieName);
    expect(cookies.length, 'SvelteKit keeps the last cookies.set of a name').toBe(1);
    const stats = env.emulator.stats();
    expect(stats.authenticate.refreshToken.succeeded).toBe(2);
    expect(stats.authenticate.refreshToken.organizationSwitches).toBe(1);
    jar.apply(response);
    const me = (await (await request('/api/me', jar)).json()) as {
      organizationId: string;
      refresh: string | null;
    };
    expect(me.organizationId).toBe(GLOBEX);
    expect(me.refresh).toBeNull();
  });

  it('answers 503 while WorkOS is down, keeps the cookie, and tells onError why', async () => {
    const jar = await signIn({ expired: true });
    env.emulator.injectFault({ endpoint: 'authenticate', grantType: 'refresh_token', status: 503 });
    const response = await fetch(url('/account'), {
      redirect: 'manual',
      headers: { cookie: jar.header() ?? '' },
    });
    expect(response.status).toBe(503);
    expect(sessionSetCookies(response, env.cookieName)).toEqual([]);
    expect(env.app.output()).toContain('[example] authentication failed: upstream_unavailable');
  });

  it('composes with sequence(): the next handle sees locals.auth', async () => {
    const jar = await signIn();
    expect((await request('/api/me', jar)).headers.get('x-example-signed-in')).toBe('yes');
    expect((await request('/api/me', new CookieJar())).headers.get('x-example-signed-in')).toBe('no');
  });

  it('runs a no-JS form action over plain http (CSRF origin check passes) and refuses a foreign origin', async () => {
    const jar = await signIn();
    const action = await request('/account?/switchOrganization', jar, formPost({ organizationId: GLOBEX }));
    // authKit.switchOrganization redirects back to the page with the new session.
    expect(action.status).toBe(303);
    expect(action.headers.get('location')).toBe('/account');
    expect(sessionSetCookies(action, env.cookieName).length).toBe(1);
    jar.apply(action);
    expect(
      ((await (await request('/api/me', jar)).json()) as { organizationId: string }).organizationId,
    ).toBe(GLOBEX);

    const foreign = await request('/account?/switchOrganization', jar, {
      ...formPost({ organizationId: GLOBEX }),
      headers: { origin: 'http://evil.example', accept: 'text/html' },
    });
    expect(foreign.status).toBe(403);

    const refused = await request(
      '/account?/switchOrganization',
      jar,
      formPost({ organizationId: 'org_01NOTAMEMBEROFTHISORG0000' }),
    );
    expect(refused.status).toBe(403);
    expect(sessionSetCookies(refused, env.cookieName)).toEqual([]);
  });

  it('signs out in a request that refreshed: the cookie ends deleted', async () => {
    const jar = await signIn({ expired: true });
    const response = await request('/api/auth/sign-out', jar, {
      method: 'POST',
      headers: { origin: env.app.url },
    });
    expect(response.status).toBe(303);
    const cookies = sessionSetCookies(response, env.cookieName);
    expect(cookies.length).toBe(1);
    expect(cookies[0]?.deleted).toBe(true);
  });

  it('serves the access token to the browser, refreshing it when it is about to expire', async () => {
    const jar = await signIn();
    const fresh = await request('/api/auth/access-token', jar);
    const body = (await fresh.json()) as { accessToken: string; expiresAt: string };
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(sessionSetCookies(fresh, env.cookieName)).toEqual([]);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(0);

    const signedOut = await request('/api/auth/access-token', new CookieJar());
    expect(signedOut.status).toBe(401);

    // 30 s of validity is below the route's 60 s minimum: it refreshes.
    env.emulator.configure({ accessTokenTtlSeconds: 30 });
    const shortJar = await signIn();
    const refreshed = await request('/api/auth/access-token', shortJar);
    const refreshedBody = (await refreshed.json()) as { expiresAt: string };
    expect(Date.parse(refreshedBody.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
    expect(sessionSetCookies(refreshed, env.cookieName).length).toBe(1);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
  });
});
