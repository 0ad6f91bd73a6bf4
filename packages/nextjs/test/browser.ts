import {
  type AdapterContractTarget,
  expireBrowserSession,
  findChromium,
  SEED_USER,
  seedOrganizationId,
  signInOnEmulatorPage,
  useChromiumSuite,
} from '@authkit-ssr/adapter-contract';
import { describe, expect, it } from 'vitest';

const ADA = SEED_USER.email;

/**
 * examples/nextjs in Chromium (on Next.js 16, and 15 as examples/nextjs-next15): sign-in on the
 * emulator's page, RSC navigations with an expired token, sign-out from a Server Action.
 */
export function runNextjsBrowser(target: AdapterContractTarget): void {
  const executablePath = findChromium();

  describe.skipIf(!executablePath)(`in Chromium: ${target.name}`, () => {
    const suite = useChromiumSuite(target, executablePath as string);
    const { url } = suite;

    it('signs in on the emulator page, survives an expired token across RSC navigations with one refresh, signs out', async () => {
      const ttlSeconds = 12;
      suite.env.emulator.configure({ autoLogin: false, accessTokenTtlSeconds: ttlSeconds });
      const page = await (await suite.browser.newContext()).newPage();
      const requestLog: string[] = [];
      const started = Date.now();
      // headers() leaves cookies out: allHeaders() has them (and may fail once the page is closed).
      page.on('request', (request) => {
        const at = Date.now() - started;
        void request.allHeaders().then(
          (headers) => {
            const session = /wos-session=([^;]*)/.exec(headers.cookie ?? '')?.[1]?.slice(-8) ?? '-';
            const kind = headers['next-router-prefetch']
              ? 'prefetch'
              : headers.rsc
                ? 'rsc'
                : request.resourceType();
            requestLog.push(`${at}ms ${request.method()} ${request.url()} ${kind} session=…${session}`);
          },
          () => {},
        );
      });
      page.on('response', (response) => {
        const at = Date.now() - started;
        void response.allHeaders().then(
          (headers) => {
            const set = headers['set-cookie']?.match(/wos-session=([^;]*)/)?.[1]?.slice(-8);
            if (set !== undefined)
              requestLog.push(`${at}ms   ← ${response.status()} ${response.url()} set=…${set}`);
          },
          () => {},
        );
      });
      try {
        await page.goto(url('/account'));
        // The proxy sent us to the emulator's hosted sign-in page.
        expect(page.url().startsWith(suite.env.emulator.url)).toBe(true);
        await signInOnEmulatorPage(page, suite.env.emulator.url);
        await page.waitForURL(url('/account'));
        // Server components rendered with the session.
        expect(await page.textContent('[data-testid="account-email"]')).toBe(ADA);
        expect(await page.textContent('[data-testid="session-org"]')).toBe(seedOrganizationId('Acme'));
        const expiresBefore = await page.textContent('[data-testid="session-expires"]');
        // useAccessToken() fetched a token from the route handler, which refreshed it (it had
        // less than a minute left): wait for that token (a JWT, not "Loading…"), still with the short TTL.
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="client-token"]')?.textContent?.startsWith('eyJ') === true,
        );
        suite.env.emulator.configure({ autoLogin: true, accessTokenTtlSeconds: 300 });
        suite.env.emulator.reset();

        // The browser's cookie now holds an already expired access token (same refresh token, from the
        // emulator), then navigate client-side: RSC requests through the proxy.
        expect(await expireBrowserSession(page.context(), suite.env)).toBeLessThan(Date.now());
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
        const stats = suite.env.emulator.stats();
        expect(stats.authenticate.refreshToken, requestLog.join('\n')).toMatchObject({
          succeeded: 1,
          rejected: 0,
        });

        // Sign out with the Server Action: WorkOS's logout URL, then back home, signed out.
        await page.click('[data-testid="sign-out"]');
        await page.waitForSelector('[data-testid="home-signed-out"]');
        expect(suite.env.emulator.stats().logouts).toBe(1);
        const cookies = await page.context().cookies();
        expect(cookies.some((cookie) => cookie.name === suite.env.cookieName)).toBe(false);
      } finally {
        await page.context().close();
      }
    }, 90_000);
  });
}
