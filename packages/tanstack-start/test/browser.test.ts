import {
  type ContractEnvironment,
  collectRequests,
  findChromium,
  launchChromium,
  seedOrganizationId,
  signInOnEmulatorPage,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tanstackStartTarget } from './example-target.ts';

const executablePath = findChromium();

// Shorter than core's refresh margin (10 s): a token issued with it is due for refresh at once, so
// the next request refreshes without the test waiting for an expiry.
const DUE_FOR_REFRESH_TTL_SECONDS = 5;

/** Collects the URLs of server-function RPCs the page sends from now on. */
function trackServerFunctionRequests(page: Page): string[] {
  return collectRequests(page, (request) => new URL(request.url()).pathname.startsWith('/_serverFn/')).urls;
}

describe.skipIf(!executablePath)('in Chromium: sign-in, parallel server functions, expiry, sign-out', () => {
  let env: ContractEnvironment;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startContractEnvironment(tanstackStartTarget, { emulator: { autoLogin: false } });
    browser = await launchChromium(executablePath as string);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('signs in on the emulator page and lands on /account', async () => {
    await page.goto(env.app.url);
    await page.getByTestId('home-signed-out').waitFor();
    await page.getByTestId('sign-in').click();
    await signInOnEmulatorPage(page, env.emulator.url);
    await page.waitForURL(`${env.app.url}/account`);
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
    expect(env.emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(0);
  });

  it('with a token due for refresh, three parallel server functions share one refresh', async () => {
    // Put a due token in the browser's cookie (an organization switch is a refresh).
    env.emulator.configure({ accessTokenTtlSeconds: DUE_FOR_REFRESH_TTL_SECONDS });
    const switched = await page.request.post(`${env.app.url}/api/organization`, {
      form: { organizationId: seedOrganizationId('Globex') },
      headers: { origin: env.app.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(switched.status()).toBe(200);
    env.emulator.configure({ accessTokenTtlSeconds: 300 });
    env.emulator.reset();

    const serverFnRequests = trackServerFunctionRequests(page);
    await page.getByTestId('reload-parallel').click();
    await expect
      .poll(() => page.getByTestId('session-refresh').textContent(), { timeout: 10_000 })
      .toContain('led');
    expect(serverFnRequests).toHaveLength(3);
    const outcomes = ((await page.getByTestId('session-refresh').textContent()) ?? '').split(' · ');
    expect(outcomes.filter((outcome) => outcome === 'led')).toHaveLength(1);
    // 'none': a request that left after the first answer already carried the rotated cookie.
    expect(outcomes.filter((outcome) => !['led', 'joined', 'replayed', 'none'].includes(outcome))).toEqual(
      [],
    );
    const newExpiry = Date.parse((await page.getByTestId('session-expires').textContent()) ?? '');
    expect(newExpiry).toBeGreaterThan(Date.now() + 60_000);
    const stats = env.emulator.stats();
    expect(stats.authenticate.refreshToken.succeeded).toBe(1);
    expect(stats.authenticate.refreshToken.rejected).toBe(0);
  });

  it('navigates client-side afterwards: still signed in, no further refresh', async () => {
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByTestId('home-signed-in').waitFor();
    const serverFnRequests = trackServerFunctionRequests(page);
    await page.getByRole('link', { name: 'Account' }).first().click();
    await page.waitForURL(`${env.app.url}/account`);
    await page.getByTestId('account-email').waitFor();
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
    // ensureSignedIn's getAuth, then the three loaders' functions, each its own request.
    expect(serverFnRequests.length).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('session-refresh').textContent()).toBe('none (token still valid)');
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
    const cookies = await page.context().cookies(env.app.url);
    expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(true);
  });

  it('switches organization from the account page', async () => {
    const before = await page.getByTestId('session-org').textContent();
    const switchButton = page.locator('[data-testid^="switch-"]').first();
    const target = (await switchButton.getAttribute('data-testid'))?.replace('switch-', '');
    expect(target).toBeTruthy();
    await switchButton.click();
    await expect.poll(() => page.getByTestId('session-org').textContent(), { timeout: 10_000 }).toBe(target);
    expect(target).not.toBe(before);
    expect(env.emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);
  });

  it('signs out through the logout URL and ends signed out on the home page', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${env.app.url}/`);
    await page.getByTestId('home-signed-out').waitFor();
    expect(env.emulator.stats().logouts).toBe(1);
    const cookies = await page.context().cookies(env.app.url);
    expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(false);
  });
});
