import { sealSession, unsealSession } from '@authkit-ssr/core';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import type { ContractEnvironment } from './contract-environment.ts';
import { isSessionCookieName } from './cookie-jar.ts';
import { ensureChromium } from './ensure-chromium.ts';
import { SEED_USER } from './seed.ts';

/**
 * The Chromium for a browser test, or `undefined` (with a warning) when there is none and it
 * cannot be installed: skip the test then (`describe.skipIf(!executablePath)`).
 */
export function findChromium(): string | undefined {
  const executablePath = ensureChromium();
  if (!executablePath)
    console.warn('Skipping the browser test: no /usr/bin/chromium and apt-get could not install it.');
  return executablePath;
}

/** Headless Chromium as the browser tests run it (no sandbox: CI runs as root). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Signs in on the emulator's hosted page, where the app sent the browser: waits for the page,
 * fills the email and password form (the default seed's first user unless told) and submits it.
 */
export async function signInOnEmulatorPage(
  page: Page,
  emulatorUrl: string,
  user: { email: string; password: string } = SEED_USER,
): Promise<void> {
  await page.waitForURL(`${emulatorUrl}/**`);
  const form = page.locator('form:has(input[name="intent"][value="sign-in"])');
  await form.locator('input[name="email"]').fill(user.email);
  await form.locator('input[name="password"]').fill(user.password);
  await form.locator('button[type="submit"]').click();
}

/** Collects the URLs of the requests the page sends from now on that `filter` keeps, until `stop()`. */
export function collectRequests(
  page: Page,
  filter: (request: Request) => boolean,
): { urls: string[]; stop(): void } {
  const urls: string[] = [];
  const onRequest = (request: Request) => {
    if (filter(request)) urls.push(request.url());
  };
  page.on('request', onRequest);
  return { urls, stop: () => page.off('request', onRequest) };
}

/**
 * Expires the browser's session now, instead of waiting for a short-lived token: the session
 * cookie gets an access token that the emulator signs for the same session, already expired
 * (`issueAccessToken`). The refresh token is untouched, so the next request that needs the
 * session refreshes it. Returns the expired token's `exp` (ms).
 */
export async function expireBrowserSession(
  context: BrowserContext,
  env: Pick<ContractEnvironment, 'app' | 'emulator' | 'env' | 'cookieName'>,
): Promise<number> {
  const cookies = await context.cookies(env.app.url);
  const cookie = cookies.find((candidate) => candidate.name === env.cookieName);
  if (!cookie) {
    const chunked = cookies.some((candidate) => isSessionCookieName(candidate.name, env.cookieName));
    throw new Error(
      chunked
        ? 'expireBrowserSession: the session cookie is split in chunks; only a single cookie is supported'
        : 'expireBrowserSession: the browser holds no session cookie',
    );
  }
  const passwords = [env.env.WORKOS_COOKIE_PASSWORD ?? ''];
  const session = await unsealSession(cookie.value, passwords);
  const { sid } = jwtClaims(session.accessToken);
  const accessToken = env.emulator.issueAccessToken({ sessionId: sid, expiresInSeconds: -60 });
  const value = await sealSession({ ...session, accessToken }, passwords);
  // Same name, domain and path: the browser replaces the cookie.
  await context.addCookies([{ ...cookie, value }]);
  return jwtClaims(accessToken).exp * 1000;
}

function jwtClaims(token: string): { sid: string; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
}
