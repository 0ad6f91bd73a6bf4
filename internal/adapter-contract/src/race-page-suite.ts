import { DEMO_SINGLE_FLIGHT_HEADER, unsealSession } from '@authkit-ssr/core';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, signInOnEmulatorPage } from './browser.ts';
import {
  type AdapterContractTarget,
  type ContractEnvironment,
  startContractEnvironment,
} from './contract-environment.ts';

const BURST_SIZE = 8;
// WorkOS takes tens to hundreds of ms to answer a refresh; the emulator answers in about one. With
// that, a busy machine can let Chromium start the last requests of a burst only after the first one
// came back with the refreshed cookie, and they would carry it instead of the expired one. This
// gives every refresh call WorkOS-like latency, far above that dispatch jitter.
const REFRESH_LATENCY_MS = 500;

interface DrawnRow {
  outcome: string | null;
  role: string | null;
}

/** The rows the page drew for the last burst, once it has drawn them. */
async function drawnRows(page: Page): Promise<DrawnRow[]> {
  await page.getByTestId('race-result').waitFor();
  return page
    .getByTestId('race-row')
    .evaluateAll((rows) =>
      rows.map((row) => ({ outcome: row.dataset.outcome ?? null, role: row.dataset.role ?? null })),
    );
}

async function drawnNumber(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).textContent());
}

/** Collects the burst's requests (their `x-authkit-demo-single-flight` header). */
function trackBurstHeaders(
  page: Page,
  isBurstRequest: (pathname: string) => boolean,
): { headers: (string | undefined)[]; stop(): void } {
  const headers: (string | undefined)[] = [];
  const onRequest = (request: Request) => {
    if (isBurstRequest(new URL(request.url()).pathname))
      headers.push(request.headers()[DEMO_SINGLE_FLIGHT_HEADER]);
  };
  page.on('request', onRequest);
  return { headers, stop: () => page.off('request', onRequest) };
}

/** How one example's race page is driven. */
export interface RacePageOptions {
  /** The requests a burst fires (route-handler fetches, server functions, …), by path. */
  isBurstRequest(pathname: string): boolean;
  /** Whether the layout offers a sign-in link (`data-testid="sign-in"`) once signed out. Default true. */
  layoutOffersSignIn?: boolean;
}

/**
 * The race page of an example app (`/race`), in Chromium against the emulator: a burst with
 * single-flight makes one refresh call; one without makes N, N−1 refused, and signs the user out.
 * Runs on the target's existing build with demo mode on.
 */
export function describeRacePage(baseTarget: AdapterContractTarget, options: RacePageOptions): void {
  const executablePath = findChromium();
  // Same target name: the build the other test files use.
  const target = { ...baseTarget, env: { ...baseTarget.env, AUTHKIT_DEMO_MODE: 'true' } };
  describe.skipIf(!executablePath)(
    `${target.name} in Chromium: the race page (/race) against the emulator`,
    () => {
      let env: ContractEnvironment;
      let browser: Browser;
      let page: Page;

      beforeAll(async () => {
        env = await startContractEnvironment(target, { emulator: { autoLogin: false } });
        env.emulator.injectFault({
          endpoint: 'authenticate',
          grantType: 'refresh_token',
          latencyMs: REFRESH_LATENCY_MS,
        });
        browser = await launchChromium(executablePath as string);
        page = await browser.newPage();
      });

      afterAll(async () => {
        await browser?.close();
        await env?.stop();
      });

      const refreshCounters = () => env.emulator.stats().authenticate.refreshToken;

      it('signs in and renders /race without the tokens in its HTML, as a private, no-store page', async () => {
        await page.goto(`${env.app.url}/api/auth/sign-in?returnTo=/race`);
        await signInOnEmulatorPage(page, env.emulator.url);
        await page.waitForURL(`${env.app.url}/race`);
        await page.getByTestId('race-burst').waitFor();

        const cookie = (await page.context().cookies(env.app.url)).find(
          ({ name }) => name === env.cookieName,
        );
        const session = await unsealSession(cookie?.value ?? '', [env.env.WORKOS_COOKIE_PASSWORD as string]);
        const document = await page.request.get(`${env.app.url}/race`);
        expect(document.status()).toBe(200);
        expect(document.headers()['cache-control']).toContain('private');
        expect(document.headers()['cache-control']).toContain('no-store');
        const html = await document.text();
        // Rendered signed in, with the burst buttons.
        expect(html).toContain('data-testid="race-burst-unsafe"');
        expect(html.includes(session.accessToken)).toBe(false);
        expect(html.includes(session.refreshToken)).toBe(false);
      });

      it(`with single-flight: ${BURST_SIZE} rows all 200, one led, and WorkOS saw one refresh call`, async () => {
        const before = { ...refreshCounters() };
        const tracked = trackBurstHeaders(page, options.isBurstRequest);
        await page.getByTestId('race-burst').click();
        const rows = await drawnRows(page);
        tracked.stop();

        expect(rows).toHaveLength(BURST_SIZE);
        expect(rows.every((row) => row.outcome === 'ok')).toBe(true);
        expect(rows.filter((row) => row.role === 'led')).toHaveLength(1);
        // The others got the leader's result: while it ran (joined) or after (replayed).
        expect(rows.filter((row) => row.role === 'joined' || row.role === 'replayed')).toHaveLength(
          BURST_SIZE - 1,
        );

        const after = refreshCounters();
        expect(after.succeeded - before.succeeded).toBe(1);
        expect(after.rejected - before.rejected).toBe(0);
        expect(await drawnNumber(page, 'race-refresh-calls')).toBe(1);
        expect(await drawnNumber(page, 'race-refresh-succeeded')).toBe(1);
        expect(await drawnNumber(page, 'race-refresh-rejected')).toBe(0);
        expect(await page.getByTestId('race-session-after').textContent()).toBe('Still signed in.');
        // The burst's fetches (plus the check after it) asked for single-flight: no header.
        expect(tracked.headers.slice(0, BURST_SIZE)).toEqual(Array(BURST_SIZE).fill(undefined));
      });

      it(`without single-flight: ${BURST_SIZE} refresh calls, ${BURST_SIZE - 1} rejected, signed out`, async () => {
        const before = { ...refreshCounters() };
        const tracked = trackBurstHeaders(page, options.isBurstRequest);
        await page.getByTestId('race-burst-unsafe').click();
        const rows = await drawnRows(page);
        tracked.stop();

        expect(tracked.headers.slice(0, BURST_SIZE)).toEqual(Array(BURST_SIZE).fill('off'));
        expect(rows).toHaveLength(BURST_SIZE);
        // Each request refreshed on its own: WorkOS took the first refresh token exchange and refused the rest.
        const after = refreshCounters();
        expect(after.succeeded - before.succeeded).toBe(1);
        expect(after.rejected - before.rejected).toBe(BURST_SIZE - 1);
        expect(rows.filter((row) => row.outcome === 'ok' && row.role === 'led')).toHaveLength(1);
        expect(rows.filter((row) => row.outcome === 'signed-out')).toHaveLength(BURST_SIZE - 1);
        expect(await drawnNumber(page, 'race-refresh-calls')).toBe(BURST_SIZE);
        expect(await drawnNumber(page, 'race-refresh-succeeded')).toBe(1);
        expect(await drawnNumber(page, 'race-refresh-rejected')).toBe(BURST_SIZE - 1);

        await page.getByTestId('race-sign-in-again').waitFor();
        // The page follows the session: the burst buttons go, and the layout offers sign-in.
        await page.getByTestId('race-burst').waitFor({ state: 'detached' });
        if (options.layoutOffersSignIn !== false) await page.getByTestId('sign-in').waitFor();
        const cookies = await page.context().cookies(env.app.url);
        expect(cookies.some((cookie) => cookie.name === env.cookieName)).toBe(false);
      });

      it('signs in again from the link the page offers', async () => {
        await page.getByTestId('race-sign-in-again').click();
        await signInOnEmulatorPage(page, env.emulator.url);
        await page.waitForURL(`${env.app.url}/race`);
        await page.getByTestId('race-burst').waitFor();
      });
    },
  );
}
