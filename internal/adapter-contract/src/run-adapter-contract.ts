import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContractClient, signInPath } from './contract-client.ts';
import {
  type AdapterContractTarget,
  type ContractEnvironment,
  startContractEnvironment,
} from './contract-environment.ts';
import { CookieJar, sessionSetCookies } from './cookie-jar.ts';
import { itSelectsAnOrganizationAtSignIn } from './organization-selection-contract.ts';
import { describeSecurityContract } from './security-contract.ts';
import { seedOrganizationId as organizationId, SEED_USER } from './seed.ts';

interface ApiBody {
  user: { id: string; email: string } | null;
  organizationId?: string | null;
  refresh?: 'led' | 'joined' | 'replayed' | null;
}

const ADA = SEED_USER.email;

const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * The HTTP scenarios every adapter must pass, as vitest `describe` blocks. Builds the target's
 * production app once, starts it with the emulator (auto sign-in) on free loopback ports, and
 * drives it with real requests.
 *
 * @example
 * ```ts
 * runAdapterContract({
 *   name: 'sveltekit',
 *   build: { command: 'pnpm', args: ['run', 'build'], cwd: exampleDir },
 *   start: ({ port }) => ({ command: process.execPath, args: ['build'], cwd: exampleDir, env: { PORT: String(port) } }),
 *   paths: { home: '/', protectedPage: '/account', api: '/api/me', callback: '/auth/callback', … },
 * });
 * ```
 */
export function runAdapterContract(target: AdapterContractTarget): void {
  const { paths } = target;

  describe(`adapter contract: ${target.name}`, () => {
    let ctx: ContractEnvironment;

    beforeAll(async () => {
      ctx = await startContractEnvironment(target);
    }, 240_000);

    afterAll(async () => {
      await ctx?.stop();
    });

    beforeEach(() => {
      ctx.emulator.clearFaults();
      ctx.emulator.configure({ accessTokenTtlSeconds: 300 });
    });

    const client = createContractClient(() => ctx, paths);
    const { url, request, signIn } = client;

    async function api(jar: CookieJar): Promise<{ response: Response; body: ApiBody }> {
      const response = await request(paths.api, jar);
      return { response, body: (await response.json()) as ApiBody };
    }

    /** Signs in with an access token that is already expired (the emulator's clock set back), no waiting. */
    const signInExpired = () => signIn({ expired: true });

    const upstreamAuthenticateCalls = () => ctx.emulator.stats().requests.authenticate;

    it('redirects signed-out visitors of the protected page to sign-in; the API answers 401', async () => {
      const home = await request(paths.home);
      expect(home.status).toBe(200);
      const page = await request(paths.protectedPage);
      expect(isRedirect(page.status)).toBe(true);
      const location = new URL(page.headers.get('location') ?? '', ctx.app.url);
      const goesToSignIn =
        location.pathname === paths.signIn ||
        location.toString().startsWith(`${ctx.emulator.url}/user_management/authorize`);
      expect(goesToSignIn, `redirected to ${location}`).toBe(true);
      const { response } = await api(new CookieJar());
      expect(response.status).toBe(401);
    });

    it('signs in through the emulator with PKCE (S256) and state, and lands on returnTo', async () => {
      ctx.emulator.reset();
      const { start, authorizeUrl, callbackUrl, callback, jar } = await signIn();
      expect(authorizeUrl.origin).toBe(ctx.emulator.url);
      expect(authorizeUrl.pathname).toBe('/user_management/authorize');
      expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      const state = authorizeUrl.searchParams.get('state');
      expect(state).toBeTruthy();
      expect(start.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(callbackUrl.searchParams.get('state')).toBe(state);
      expect(new URL(callback.headers.get('location') ?? '', ctx.app.url).toString()).toBe(
        url(paths.protectedPage),
      );
      expect(sessionSetCookies(callback, ctx.cookieName).some((cookie) => !cookie.deleted)).toBe(true);
      expect(ctx.emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);

      const page = await request(paths.protectedPage, jar);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(ADA);
    });

    it('serves an authenticated page and API without refreshing or rewriting the cookie', async () => {
      const { jar } = await signIn();
      ctx.emulator.reset();
      const page = await request(paths.protectedPage, jar);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(ADA);
      const { response, body } = await api(jar);
      expect(response.status).toBe(200);
      expect(body.user?.email).toBe(ADA);
      expect(sessionSetCookies(page, ctx.cookieName)).toEqual([]);
      expect(sessionSetCookies(response, ctx.cookieName)).toEqual([]);
      expect(upstreamAuthenticateCalls()).toBe(0);
    });

    it('refreshes an expired session exactly once for 20 parallel requests, then replays for a late one', async () => {
      const { jar } = await signInExpired();
      ctx.emulator.reset();

      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          request(index % 2 === 0 ? paths.protectedPage : paths.api, jar),
        ),
      );
      expect(burst.map((response) => response.status)).toEqual(burst.map(() => 200));
      const stats = ctx.emulator.stats();
      expect(stats.authenticate.refreshToken.succeeded).toBe(1);
      expect(stats.authenticate.refreshToken.rejected).toBe(0);
      expect(stats.requests.authenticate).toBe(1);

      const newCookies = burst.map((response) => {
        const cookies = sessionSetCookies(response, ctx.cookieName);
        expect(cookies.length, 'every response carries the rotated session cookie').toBeGreaterThan(0);
        expect(cookies.every((cookie) => !cookie.deleted)).toBe(true);
        return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
      });
      expect(new Set(newCookies).size, 'all responses carry the same rotated cookie').toBe(1);
      const bodies = await Promise.all(
        burst
          .filter((_, index) => index % 2 === 1)
          .map(async (response) => (await response.json()) as ApiBody),
      );
      for (const body of bodies) {
        expect(body.user?.email).toBe(ADA);
        if ('refresh' in body) expect(['led', 'joined', 'replayed']).toContain(body.refresh);
      }
      for (const response of burst.filter((_, index) => index % 2 === 0))
        expect(await response.text()).toContain(ADA);

      // The rotated cookie works as is: no refresh, no new cookie.
      const rotated = jar.clone().apply(burst[0] as Response);
      const next = await api(rotated);
      expect(next.body.user?.email).toBe(ADA);
      expect(sessionSetCookies(next.response, ctx.cookieName)).toEqual([]);

      // A late request still carrying the old cookie, inside the replay window: same new session,
      // no upstream call (the real WorkOS would refuse the spent refresh token).
      const late = await api(jar);
      expect(late.response.status).toBe(200);
      expect(late.body.user?.email).toBe(ADA);
      if ('refresh' in late.body) expect(late.body.refresh).toBe('replayed');
      expect(upstreamAuthenticateCalls()).toBe(1);
      const lateCookies = sessionSetCookies(late.response, ctx.cookieName);
      expect(lateCookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')).toBe(newCookies[0]);
    });

    it('treats a tampered cookie as signed out: clears it, no 500', async () => {
      const { jar } = await signIn();
      const value = jar.get(ctx.cookieName);
      expect(value).toBeTruthy();
      const tampered = jar.clone();
      const middle = Math.floor((value as string).length / 2);
      const flipped = (value as string)[middle] === 'A' ? 'B' : 'A';
      tampered.set(
        ctx.cookieName,
        `${(value as string).slice(0, middle)}${flipped}${(value as string).slice(middle + 1)}`,
      );

      const page = await request(paths.protectedPage, tampered);
      expect(isRedirect(page.status)).toBe(true);
      expect(sessionSetCookies(page, ctx.cookieName).some((cookie) => cookie.deleted)).toBe(true);
      const { response, body } = await api(tampered);
      expect(response.status).toBe(401);
      expect(body.user).toBeNull();
      expect(sessionSetCookies(response, ctx.cookieName).some((cookie) => cookie.deleted)).toBe(true);
    });

    it('signs out: clears the cookie, redirects to the logout URL, and the old cookie stops working', async () => {
      const { jar } = await signIn();
      const { body: me } = await api(jar);
      expect(me.user?.email).toBe(ADA);
      ctx.emulator.reset();
      const response = await request(paths.signOut.path, jar, { method: paths.signOut.method });
      expect(isRedirect(response.status)).toBe(true);
      const logout = new URL(response.headers.get('location') ?? '');
      expect(`${logout.origin}${logout.pathname}`).toBe(
        `${ctx.emulator.url}/user_management/sessions/logout`,
      );
      expect(logout.searchParams.get('session_id')).toBeTruthy();
      expect(sessionSetCookies(response, ctx.cookieName).some((cookie) => cookie.deleted)).toBe(true);

      const back = await fetch(logout, { redirect: 'manual' });
      expect(isRedirect(back.status)).toBe(true);
      expect(new URL(back.headers.get('location') ?? '').origin).toBe(ctx.app.url);
      expect(ctx.emulator.stats().logouts).toBe(1);

      const after = await api(jar);
      expect(after.response.status).toBe(401);
    });

    it('switches organization: new cookie scoped to it; a foreign organization is refused with 4xx', async () => {
      const { jar } = await signIn();
      const acme = organizationId('Acme');
      const globex = organizationId('Globex');
      expect((await api(jar)).body.organizationId).toBe(acme);
      ctx.emulator.reset();

      const switched = await request(paths.switchOrganization, jar, {
        method: 'POST',
        body: new URLSearchParams({ organizationId: globex }),
      });
      expect(switched.status).toBeLessThan(400);
      expect(sessionSetCookies(switched, ctx.cookieName).some((cookie) => !cookie.deleted)).toBe(true);
      jar.apply(switched);
      expect((await api(jar)).body.organizationId).toBe(globex);
      expect(ctx.emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);

      const refused = await request(paths.switchOrganization, jar, {
        method: 'POST',
        body: new URLSearchParams({ organizationId: 'org_01NOTAMEMBEROFTHISORG0000' }),
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(sessionSetCookies(refused, ctx.cookieName).some((cookie) => cookie.deleted)).toBe(false);
      jar.apply(refused);
      expect((await api(jar)).body.organizationId).toBe(globex);
    });

    it('answers a callback with a wrong or missing state, or an error from WorkOS, with a clear 4xx page', async () => {
      const jar = new CookieJar();
      jar.apply(await request(signInPath(paths, paths.protectedPage), jar));
      const cases = [
        `${paths.callback}?code=some-code&state=not-the-state`,
        `${paths.callback}?code=some-code`,
        `${paths.callback}?error=access_denied&error_description=${encodeURIComponent('The user cancelled')}`,
      ];
      for (const path of cases) {
        const response = await request(path, jar);
        expect(response.status, path).toBeGreaterThanOrEqual(400);
        expect(response.status, path).toBeLessThan(500);
        expect(response.headers.get('content-type') ?? '', path).toContain('text/html');
        expect(sessionSetCookies(response, ctx.cookieName).some((cookie) => !cookie.deleted)).toBe(false);
      }
      // No pending sign-in cookie at all.
      const bare = await request(`${paths.callback}?code=some-code&state=some-state`);
      expect(bare.status).toBeGreaterThanOrEqual(400);
    });

    it('refuses a returnTo that points at another origin', async () => {
      for (const returnTo of [
        'https://evil.example/steal',
        '//evil.example/steal',
        '/\\evil.example/steal',
      ]) {
        const response = await request(signInPath(paths, returnTo));
        if (response.status >= 400) continue;
        // Accepted without the foreign target: the round trip must still end on our origin.
        const { callback } = await signIn({ returnTo });
        const landing = new URL(callback.headers.get('location') ?? '', ctx.app.url);
        expect(landing.origin, returnTo).toBe(ctx.app.url);
      }
    });

    it('answers 503 and keeps the cookie while WorkOS is unavailable, then recovers', async () => {
      const { jar } = await signInExpired();
      ctx.emulator.injectFault({ endpoint: 'authenticate', grantType: 'refresh_token', status: 503 });
      const response = await fetch(url(paths.api), {
        redirect: 'manual',
        headers: { cookie: jar.header() ?? '' },
      });
      expect(response.status).toBe(503);
      expect(sessionSetCookies(response, ctx.cookieName)).toEqual([]);
      ctx.emulator.clearFaults();
      const { body } = await api(jar);
      expect(body.user?.email).toBe(ADA);
    }, 30_000);

    itSelectsAnOrganizationAtSignIn(() => ctx, paths, client);
    describeSecurityContract(() => ctx, paths, client, {
      varyCookieOnPages: target.varyCookieOnPages ?? true,
    });
  });
}
