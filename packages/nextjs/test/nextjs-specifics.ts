import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AdapterContractTarget,
  type ContractEnvironment,
  CookieJar,
  ensureChromium,
  sessionSetCookies,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { DEFAULT_SEED } from '@authkit-ssr/emulator';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADA = 'ada@example.com';
const organizationId = (name: string) =>
  DEFAULT_SEED.organizations?.find((org) => org.name === name)?.id ?? '';

/**
 * Next.js-specific scenarios on top of the contract suite, against an already built example:
 * actions exposure, sign-up paths, the access-token route, an organization switch in the same
 * request as a proxy refresh, and a Chromium session with RSC navigations.
 */
export function runNextjsSpecifics(target: AdapterContractTarget, appDir: string): void {
  describe(`next.js specifics: ${target.name}`, () => {
    let ctx: ContractEnvironment;
    const url = (path: string) => new URL(path, ctx.app.url).toString();

    beforeAll(async () => {
      ctx = await startContractEnvironment(target, { build: false });
    }, 120_000);
    afterAll(async () => {
      await ctx?.stop();
    });

    async function request(path: string, jar?: CookieJar, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      const cookie = jar?.header();
      if (cookie) headers.set('cookie', cookie);
      if (init.method && init.method !== 'GET') headers.set('origin', ctx.app.url);
      const response = await fetch(url(path), { redirect: 'manual', ...init, headers });
      expect(response.status, `${path}:\n${ctx.app.output().slice(-2000)}`).toBeLessThan(500);
      return response;
    }

    async function signIn(): Promise<CookieJar> {
      const jar = new CookieJar();
      const start = await request('/api/auth/sign-in?returnTo=/account', jar);
      jar.apply(start);
      const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
      const callback = new URL(authorize.headers.get('location') ?? '');
      jar.apply(await request(`${callback.pathname}${callback.search}`, jar));
      return jar;
    }

    it('exposes only the server actions the app declares, none from the adapter', () => {
      const manifest = JSON.parse(
        readFileSync(join(appDir, '.next/server/server-reference-manifest.json'), 'utf8'),
      ) as Record<'node' | 'edge', Record<string, { filename?: string; exportedName?: string }>>;
      const actions = [...Object.values(manifest.node), ...Object.values(manifest.edge)];
      expect(actions.map((action) => action.exportedName).sort()).toEqual([
        'signOutAction',
        'switchOrganizationAction',
      ]);
      for (const action of actions) expect(action.filename).toMatch(/examples\/nextjs\/app\/actions\.ts$/);
    });

    it('sends signed-out visitors of a sign-up path to the sign-up screen', async () => {
      const response = await request('/welcome');
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.origin).toBe(ctx.emulator.url);
      expect(location.searchParams.get('screen_hint')).toBe('sign-up');
      expect(
        response.headers.getSetCookie().some((cookie) => cookie.startsWith('wos-session-sign-in=')),
      ).toBe(true);
    });

    it('serves the access token to the client from a route handler, with no-store; 401 when signed out', async () => {
      expect((await request('/api/auth/access-token')).status).toBe(401);
      const jar = await signIn();
      const response = await request('/api/auth/access-token', jar);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { accessToken: string; auth: { user: { email: string } } };
      expect(body.accessToken.split('.')).toHaveLength(3);
      expect(body.auth.user.email).toBe(ADA);
      expect(body.auth).not.toHaveProperty('accessToken');
      // eagerAuth is off by default: no token cookie readable by scripts.
      const page = await request('/account', jar, { headers: { accept: 'text/html' } });
      expect(page.headers.getSetCookie().some((cookie) => cookie.startsWith('workos-access-token='))).toBe(
        false,
      );
    });

    it('keeps the switched session when the proxy refreshed an expired one in the same request', async () => {
      ctx.emulator.configure({ accessTokenTtlSeconds: 1 });
      const jar = await signIn();
      ctx.emulator.configure({ accessTokenTtlSeconds: 300 });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      ctx.emulator.reset();
      const switched = await request('/api/organization', jar, {
        method: 'POST',
        body: new URLSearchParams({ organizationId: organizationId('Globex') }),
      });
      expect(switched.status).toBe(200);
      expect(((await switched.json()) as { organizationId: string }).organizationId).toBe(
        organizationId('Globex'),
      );
      expect(ctx.emulator.stats().authenticate.refreshToken.succeeded).toBe(2);
      // The browser keeps the cookie written last: it must be the switched session.
      jar.apply(switched);
      const me = (await (await request('/api/me', jar)).json()) as {
        organizationId: string;
        refresh: unknown;
      };
      expect(me.organizationId).toBe(organizationId('Globex'));
      expect(me.refresh).toBeNull();
      expect(sessionSetCookies(switched, ctx.cookieName).length).toBeGreaterThan(0);
    });

    describe('in Chromium', () => {
      let browser: Browser | undefined;
      const executablePath = ensureChromium();

      beforeAll(async () => {
        if (!executablePath) return;
        browser = await chromium.launch({
          executablePath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        });
      }, 60_000);
      afterAll(async () => {
        await browser?.close();
      });

      it.skipIf(!executablePath)(
        'signs in on the emulator page, survives an expired token across RSC navigations with one refresh, signs out',
        async () => {
          const ttlSeconds = 12;
          ctx.emulator.configure({ autoLogin: false, accessTokenTtlSeconds: ttlSeconds });
          const page = await (await (browser as Browser).newContext()).newPage();
          const requestLog: string[] = [];
          const started = Date.now();
          page.on('request', (request) => {
            const session = /wos-session=([^;]*)/.exec(request.headers().cookie ?? '')?.[1]?.slice(-8) ?? '-';
            requestLog.push(
              `${Date.now() - started}ms ${request.method()} ${request.url()} rsc=${request.headers().rsc ?? ''} session=…${session}`,
            );
          });
          page.on('response', (response) => {
            const set = response
              .headers()
              ['set-cookie']?.match(/wos-session=([^;]*)/)?.[1]
              ?.slice(-8);
            if (set !== undefined)
              requestLog.push(
                `${Date.now() - started}ms   ← ${response.status()} ${response.url()} set=…${set}`,
              );
          });
          try {
            await page.goto(url('/account'));
            // The proxy sent us to the emulator's hosted sign-in page.
            expect(page.url().startsWith(ctx.emulator.url)).toBe(true);
            await page.fill('input[name="email"][autocomplete="username"]', ADA);
            await page.fill('input[name="password"][autocomplete="current-password"]', 'password');
            await page.click('button:text-is("Sign in")');
            await page.waitForURL(url('/account'));
            // Server components rendered with the session.
            expect(await page.textContent('[data-testid="account-email"]')).toBe(ADA);
            expect(await page.textContent('[data-testid="session-org"]')).toBe(organizationId('Acme'));
            const expiresBefore = await page.textContent('[data-testid="session-expires"]');
            // useAccessToken() fetched a token from the route handler, which refreshed it (it had
            // less than a minute left): wait for that, still with the short TTL.
            await page.waitForFunction(
              () =>
                document.querySelector('[data-testid="client-token"]')?.textContent?.endsWith('…') === true,
            );
            const lastIssuedAt = Date.now();
            ctx.emulator.configure({ autoLogin: true, accessTokenTtlSeconds: 300 });
            ctx.emulator.reset();

            // Let the access token expire, then navigate client-side: RSC requests through the proxy.
            await page.waitForTimeout(Math.max(0, lastIssuedAt + ttlSeconds * 1000 + 500 - Date.now()));
            const rscResponses: string[] = [];
            page.on('response', (response) => {
              if (response.request().headers().rsc === '1') rscResponses.push(response.url());
            });
            await page.click('a[href="/"]');
            await page.waitForSelector('[data-testid="home-signed-in"]');
            await page.click('[data-testid="account-link"]');
            await page.waitForSelector('[data-testid="account-email"]');
            expect(page.url()).toBe(url('/account'));
            expect(rscResponses.length).toBeGreaterThan(0);
            expect(await page.textContent('[data-testid="account-email"]')).toBe(ADA);
            expect(await page.textContent('[data-testid="session-expires"]')).not.toBe(expiresBefore);
            // Full reload with the cookie the browser kept: still signed in, no new refresh.
            await page.reload();
            expect(await page.textContent('[data-testid="account-email"]')).toBe(ADA);
            expect(await page.textContent('[data-testid="session-refresh"]')).toContain('none');
            const stats = ctx.emulator.stats();
            expect(stats.authenticate.refreshToken, requestLog.join('\n')).toMatchObject({
              succeeded: 1,
              rejected: 0,
            });

            // Sign out with the Server Action: WorkOS's logout URL, then back home, signed out.
            await page.click('[data-testid="sign-out"]');
            await page.waitForSelector('[data-testid="home-signed-out"]');
            expect(ctx.emulator.stats().logouts).toBe(1);
            const cookies = await page.context().cookies();
            expect(cookies.some((cookie) => cookie.name === ctx.cookieName)).toBe(false);
          } finally {
            await page.context().close();
          }
        },
        90_000,
      );
    });
  });
}
