import {
  type ContractEnvironment,
  collectRequests,
  findChromium,
  launchChromium,
  signInOnEmulatorPage,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { DEFAULT_SEED } from '@authkit-ssr/emulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTargets } from './example-target.ts';

const executablePath = findChromium();

// Tokens live 14 s here: long enough to finish the sign-in before the 10 s refresh margin, short
// enough to let one expire during the test.
const SHORT_TTL_SECONDS = 14;
const GLOBEX = DEFAULT_SEED.organizations?.find((organization) => organization.name === 'Globex')?.id;

describe.each(exampleTargets)('$name in Chromium: sign-in, parallel loads, expiry, sign-out', (target) => {
  let env: ContractEnvironment;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startContractEnvironment(target, { emulator: { autoLogin: false } });
    browser = await launchChromium(executablePath as string);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('signs in on the emulator page and lands on /account with protected data', async () => {
    env.emulator.configure({ accessTokenTtlSeconds: SHORT_TTL_SECONDS });
    await page.goto(env.app.url);
    await page.getByTestId('home-signed-out').waitFor();
    await page.getByTestId('sign-in').click();
    await signInOnEmulatorPage(page, env.emulator.url);
    await page.waitForURL(`${env.app.url}/account`);
    env.emulator.configure({ accessTokenTtlSeconds: 300 });
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('ada@example.com');
    expect(await page.getByTestId('session-refresh').textContent()).toContain('none');
    expect(env.emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(0);
  });

  it('navigates client-side with an expired token: one __data.json request, parallel loads, one refresh', async () => {
    const expiresAt = Date.parse((await page.getByTestId('session-expires').textContent()) ?? '');
    expect(expiresAt).toBeGreaterThan(Date.now());
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByTestId('home-signed-in').waitFor();
    await page.waitForTimeout(Math.max(0, expiresAt - Date.now() + 500));
    env.emulator.reset();

    const data = collectRequests(page, (request) => new URL(request.url()).pathname.endsWith('/__data.json'));
    const documents = collectRequests(page, (request) => request.resourceType() === 'document');
    // /account/activity: the account layout's load and the page's load, both needing the session.
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.waitForURL(`${env.app.url}/account/activity`);
    await page.getByTestId('activity-heading').waitFor();
    data.stop();
    documents.stop();
    const dataRequests = data.urls;
    const documentRequests = documents.urls;

    expect(documentRequests, 'a client-side navigation, no page load').toEqual([]);
    expect(dataRequests.length).toBe(1);
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
    expect(await page.getByTestId('session-refresh').textContent()).toBe('led');
    const newExpiry = Date.parse((await page.getByTestId('session-expires').textContent()) ?? '');
    expect(newExpiry).toBeGreaterThan(Date.now() + 60_000);
    const stats = env.emulator.stats();
    expect(stats.authenticate.refreshToken.succeeded).toBe(1);
    expect(stats.authenticate.refreshToken.rejected).toBe(0);
    expect(stats.requests.authenticate).toBe(1);
    const cookies = await page.context().cookies(env.app.url);
    expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(true);
  });

  it('gives the page an access token: three concurrent callers, one request', async () => {
    const tokens = collectRequests(
      page,
      (request) => new URL(request.url()).pathname === '/api/auth/access-token',
    );
    await page.getByTestId('get-access-token').click();
    await page.getByTestId('access-token-info').waitFor();
    tokens.stop();
    const tokenRequests = tokens.urls;
    expect(await page.getByTestId('access-token-info').textContent()).toContain('one token');
    expect(tokenRequests.length).toBe(1);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
  });

  it('switches organization with the form action', async () => {
    expect(GLOBEX).toBeTruthy();
    await page.getByRole('link', { name: 'Account' }).first().click();
    await page.waitForURL(`${env.app.url}/account`);
    const before = await page.getByTestId('session-org').textContent();
    expect(before).not.toBe(GLOBEX);
    await page
      .getByTestId('organization-switcher')
      .locator('select')
      .selectOption(GLOBEX as string);
    await page.getByTestId('organization-switcher').getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('session-org').textContent(), { timeout: 10_000 }).toBe(GLOBEX);
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
