import {
  type AdapterContractTarget,
  findChromium,
  SEED_USER,
  seedOrganizationId,
  signInOnEmulatorPage,
  useChromiumSuite,
} from '@authkit-ssr/adapter-contract';
import { DEFAULT_SEED } from '@authkit-ssr/emulator';
import { describe, expect, it } from 'vitest';

const ADA = SEED_USER.email;

/**
 * The migration app in Chromium: everything a user of WorkOS's kit does, on our adapter. Server
 * components (withAuth), the client provider without initialAuth (useAuth, useAccessToken), an
 * organization switch and sign-out from Server Actions.
 */
export function runMigrationBrowser(target: AdapterContractTarget): void {
  const executablePath = findChromium();
  describe.skipIf(!executablePath)(`in Chromium: ${target.name}`, () => {
    const suite = useChromiumSuite(target, executablePath as string);
    const { url } = suite;

    it('signs in, reads the session on server and client, switches organization, signs out', async () => {
      suite.env.emulator.configure({ autoLogin: false });
      const page = await (await suite.browser.newContext()).newPage();
      try {
        await page.goto(url('/account'));
        await signInOnEmulatorPage(page, suite.env.emulator.url);
        await page.waitForURL(url('/account'));
        expect(await page.textContent('[data-testid="account-email"]')).toBe(ADA);
        expect(await page.textContent('[data-testid="session-org"]')).toBe(seedOrganizationId('Acme'));
        // The provider had no initialAuth: useAuth() fetched the session after mount.
        await page.waitForSelector('[data-testid="client-user"]');
        expect(await page.textContent('[data-testid="client-user"]')).toBe(ADA);
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="client-token"]')?.textContent?.startsWith('eyJ') === true,
        );
        // No token in the HTML the server sent.
        const html = await (await page.request.get(url('/account'))).text();
        expect(html).not.toMatch(/eyJ[\w-]+\.eyJ/);

        // switchToOrganization() in a Server Action: revalidates and comes back to the page.
        await page.fill('[data-testid="organization-input"]', seedOrganizationId('Globex'));
        await page.click('[data-testid="switch-organization"]');
        await page.waitForFunction(
          (globex) => document.querySelector('[data-testid="session-org"]')?.textContent === globex,
          seedOrganizationId('Globex'),
        );

        // useAuth().switchToOrganization() from a client component: no reload, the new cookie kept.
        await page.reload();
        await page.waitForFunction(
          (globex) => document.querySelector('[data-testid="client-org"]')?.textContent === globex,
          seedOrganizationId('Globex'),
        );
        await page.fill('[data-testid="client-organization-input"]', seedOrganizationId('Acme'));
        await page.click('[data-testid="client-switch"]');
        await page.waitForFunction(
          (acme) => document.querySelector('[data-testid="client-org"]')?.textContent === acme,
          seedOrganizationId('Acme'),
        );
        await page.reload();
        expect(await page.textContent('[data-testid="session-org"]')).toBe(seedOrganizationId('Acme'));

        // signOut() in a Server Action: WorkOS's logout, then back home signed out.
        await page.click('a[href="/"]');
        await page.waitForSelector('[data-testid="home-signed-in"]');
        await page.click('[data-testid="sign-out"]');
        await page.waitForSelector('[data-testid="home-signed-out"]');
        expect(suite.env.emulator.stats().logouts).toBe(1);
        const cookies = await page.context().cookies();
        expect(cookies.some((cookie) => cookie.name === suite.env.cookieName)).toBe(false);
        await page.waitForSelector('[data-testid="sign-in"]');
      } finally {
        suite.env.emulator.configure({ autoLogin: true });
        await page.context().close();
      }
    }, 90_000);

    it('AuthKitProvider notices a session that ended while the tab was away and reloads the page', async () => {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(url('/account'));
        await page.waitForURL(url('/account'));
        await page.waitForSelector('[data-testid="client-user"]');
        suite.env.emulator.configure({ autoLogin: false });
        // The session ends elsewhere (its cookie is gone); the tab regains focus.
        await context.clearCookies({ name: suite.env.cookieName });
        await page.evaluate(() => window.dispatchEvent(new Event('focus')));
        // The default onSessionExpired reloads: the proxy sends the signed-out visitor to sign in.
        await page.waitForURL(`${suite.env.emulator.url}/**`);
      } finally {
        suite.env.emulator.configure({ autoLogin: true });
        await context.close();
      }
    }, 60_000);
  });

  describe.skipIf(!executablePath)(`in Chromium, an impersonated session: ${target.name}`, () => {
    // Every sign-in of Ada is an impersonation by support (the emulator's seed), as from the dashboard.
    const suite = useChromiumSuite(target, executablePath as string, {
      emulator: {
        seed: {
          ...DEFAULT_SEED,
          impersonations: [{ user: ADA, email: 'support@example.com', reason: 'ticket 7' }],
        },
      },
    });

    it('<Impersonation /> names the impersonator, and its button ends the session', async () => {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(suite.url('/account'));
        await page.waitForURL(suite.url('/account'));
        const notice = page.getByRole('status');
        await notice.waitFor();
        expect(await notice.textContent()).toContain(
          `support@example.com is impersonating ${ADA} (ticket 7)`,
        );

        await notice.getByRole('button', { name: 'Stop impersonating' }).click();
        await page.waitForSelector('[data-testid="home-signed-out"]');
        expect(suite.env.emulator.stats().logouts).toBe(1);
        const cookies = await context.cookies();
        expect(cookies.some((cookie) => cookie.name === suite.env.cookieName)).toBe(false);
        expect(await page.getByRole('status').count()).toBe(0);
      } finally {
        await context.close();
      }
    }, 60_000);
  });
}
