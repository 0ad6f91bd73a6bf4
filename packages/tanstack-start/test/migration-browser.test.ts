import {
  type ContractEnvironment,
  findChromium,
  launchChromium,
  SEED_USER,
  seedOrganizationId,
  signInOnEmulatorPage,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationTarget, REACT_MAJORS } from './migration-target.ts';

const executablePath = findChromium();

// Shorter than core's refresh margin (10 s): a token issued with it is due for refresh at once, so
// the next request refreshes without the test waiting for an expiry.
const DUE_FOR_REFRESH_TTL_SECONDS = 5;

for (const major of REACT_MAJORS) {
  describe.skipIf(!executablePath)(`migration app in Chromium, React ${major}`, () => {
    let env: ContractEnvironment;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      env = await startContractEnvironment(migrationTarget(major), { emulator: { autoLogin: false } });
      browser = await launchChromium(executablePath as string);
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await env?.stop();
    });

    it(`renders and hydrates with React ${major}; the provider fetches the auth on mount`, async () => {
      await page.goto(env.app.url);
      await page.getByTestId('home-signed-out').waitFor();
      expect(await page.getByTestId('react-version').textContent()).toMatch(new RegExp(`^React ${major}\\.`));
      // Client component: the sign-in link appears once AuthKitProvider has fetched the auth.
      await page.getByTestId('sign-in').waitFor();
    });

    it('signs in through the sign-in route and the emulator, and lands on the _authenticated page', async () => {
      await page.getByTestId('sign-in').click();
      await signInOnEmulatorPage(page, env.emulator.url);
      await page.waitForURL(`${env.app.url}/account`);
      expect(await page.getByTestId('account-email').textContent()).toBe(SEED_USER.email);
      await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(SEED_USER.email);
      expect(env.emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);
    });

    it('loads the three server functions of a navigation with one refresh', async () => {
      await page.getByRole('link', { name: 'Home', exact: true }).click();
      await page.getByTestId('home-signed-in').waitFor();
      // Put a token that is due for refresh in the browser's cookie (an organization switch is a
      // refresh), then navigate: the layout's getAuth and the page's three functions, each its own
      // request with that cookie, must share one refresh.
      env.emulator.configure({ accessTokenTtlSeconds: DUE_FOR_REFRESH_TTL_SECONDS });
      const switched = await page.request.post(`${env.app.url}/api/organization`, {
        form: { organizationId: seedOrganizationId('Globex') },
        headers: { origin: env.app.url, 'sec-fetch-site': 'same-origin' },
      });
      expect(switched.status()).toBe(200);
      env.emulator.configure({ accessTokenTtlSeconds: 300 });
      env.emulator.reset();
      const calls: Request[] = [];
      const onRequest = (request: Request) => {
        if (new URL(request.url()).pathname.startsWith('/_serverFn/')) calls.push(request);
      };
      page.on('request', onRequest);
      await page.getByRole('link', { name: 'Account', exact: true }).click();
      await page.waitForURL(`${env.app.url}/account`);
      // The router may show the page's earlier data at once and reload it: wait for the reload.
      await expect
        .poll(() => page.getByTestId('session-org').textContent())
        .toBe(seedOrganizationId('Globex'));
      page.off('request', onRequest);
      await Promise.all(calls.map((call) => call.response()));
      expect(calls.length).toBeGreaterThanOrEqual(4);
      const stats = env.emulator.stats();
      expect(stats.authenticate.refreshToken.succeeded).toBe(1);
      expect(stats.authenticate.refreshToken.rejected).toBe(0);
    });

    it('switches organization with useAuth().switchToOrganization', async () => {
      const acme = seedOrganizationId('Acme');
      await page.getByTestId(`switch-${acme}`).click();
      await expect.poll(() => page.getByTestId('session-org').textContent(), { timeout: 10_000 }).toBe(acme);
      expect(env.emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);
    });

    it('gives a client component the access token through useAccessToken, not through the page', async () => {
      const response = await page.goto(`${env.app.url}/token`);
      const html = (await response?.text()) ?? '';
      await expect
        .poll(() => page.getByTestId('token-state').textContent(), { timeout: 10_000 })
        .toBe('present');
      const sid = await page.getByTestId('token-sid').textContent();
      expect(sid).toMatch(/^session_/);
      expect(html).not.toContain('eyJ');
    });

    it('signs out with useAuth().signOut and ends signed out on the home page', async () => {
      await page.getByTestId('sign-out').click();
      await page.waitForURL(`${env.app.url}/`);
      await page.getByTestId('home-signed-out').waitFor();
      expect(env.emulator.stats().logouts).toBe(1);
      const cookies = await page.context().cookies(env.app.url);
      expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(false);
    });
  });
}
