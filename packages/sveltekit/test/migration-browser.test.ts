import {
  type ContractEnvironment,
  findChromium,
  launchChromium,
  seedOrganizationId,
  signInOnEmulatorPage,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationTargets } from './example-target.ts';

// The app written against @workos/authkit-sveltekit's documented API only, on SvelteKit 3 and 2:
// what a team that changes nothing but the package behind the import sees in a browser.
describe.each(migrationTargets)('$name in Chromium: the kit API end to end', (target) => {
  let env: ContractEnvironment;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startContractEnvironment(target, { emulator: { autoLogin: false } });
    browser = await launchChromium(findChromium() as string);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('signs in from the link of authKit.getSignInUrl and lands on the protected page (withAuth layout, locals.auth page)', async () => {
    await page.goto(env.app.url);
    await page.getByTestId('sign-in').click();
    await signInOnEmulatorPage(page, env.emulator.url);
    await page.waitForURL(`${env.app.url}/account`);
    expect(await page.getByTestId('account-email').textContent()).toBe('ada@example.com');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('ada@example.com');
    expect(env.emulator.stats().authenticate.authorizationCode.succeeded).toBe(1);
  });

  it('runs a form action wrapped in authKit.withAuth', async () => {
    await page.getByTestId('rename').click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('greeting').textContent()).toBe('Ada is ada@example.com');
  });

  it('switches organization with authKit.switchOrganization in a form action', async () => {
    const globex = seedOrganizationId('Globex');
    expect(await page.getByTestId('account-org').textContent()).not.toBe(globex);
    await page.getByTestId('organization-id').fill(globex);
    await page.getByTestId('switch-org').click();
    await expect.poll(() => page.getByTestId('account-org').textContent(), { timeout: 10_000 }).toBe(globex);
    expect(env.emulator.stats().authenticate.refreshToken.organizationSwitches).toBe(1);
  });

  it('signs out with authKit.signOut in a form action, through WorkOS, back home signed out', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${env.app.url}/`);
    await page.getByTestId('sign-in').waitFor();
    expect(env.emulator.stats().logouts).toBe(1);
    const cookies = await page.context().cookies(env.app.url);
    expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(false);
  });
});
