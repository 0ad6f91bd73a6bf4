import {
  type ContractEnvironment,
  CookieJar,
  createContractClient,
  sessionSetCookies,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { unsealSession } from '@authkit-ssr/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tanstackStartTarget } from './example-target.ts';

// A token issued with this lifetime is inside core's refresh margin (10 s) at once: the next
// request refreshes it, no waiting for an expiry.
const DUE_FOR_REFRESH_TTL_SECONDS = 5;

/** The values of `data-testid` elements in server-rendered HTML. */
function testIdValues(html: string, testId: string): string[] {
  return [...html.matchAll(new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

/** The unique id (`jti`) of the access token sealed in a session cookie. */
async function accessTokenId(sealed: string, password: string): Promise<string> {
  const { accessToken } = await unsealSession(sealed, [password]);
  return (JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { jti: string })
    .jti;
}

// Issue 15: the request's auth state must be one object that every stage of a request updates in
// place; a copy would hand later server functions a spent session.
describe('one request, several server functions: the auth state is shared and updated in place', () => {
  let env: ContractEnvironment;
  const client = createContractClient(() => env, tanstackStartTarget.paths);

  beforeAll(async () => {
    env = await startContractEnvironment(tanstackStartTarget);
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('a loader that refreshes, then calls three server functions: all see the new session, its cookie written last', async () => {
    env.emulator.configure({ accessTokenTtlSeconds: DUE_FOR_REFRESH_TTL_SECONDS });
    const { jar } = await client.signIn();
    env.emulator.configure({ accessTokenTtlSeconds: 600 });
    env.emulator.reset();

    // The middleware refreshes the due token (cookie A), the loader renews again (cookie B).
    const page = await client.request('/renew', jar);
    expect(page.status).toBe(200);
    const html = await page.text();
    const stats = env.emulator.stats().authenticate.refreshToken;
    expect(stats.succeeded).toBe(2);
    expect(stats.rejected).toBe(0);

    const [renewed] = testIdValues(html, 'renewed-token-id');
    expect(renewed).toBeTruthy();
    const seen = testIdValues(html, 'seen-token-id');
    expect(seen).toEqual([renewed, renewed, renewed]);

    // Start keeps one Set-Cookie per name (the last written); whatever it keeps, the last is the newest.
    const written = sessionSetCookies(page, env.cookieName).filter((cookie) => !cookie.deleted);
    expect(written.length).toBeGreaterThan(0);
    const password = env.env.WORKOS_COOKIE_PASSWORD as string;
    const last = written.at(-1)?.value as string;
    expect(await accessTokenId(last, password)).toBe(renewed);

    // The cookie written last is the one that works: no further refresh with it.
    const next = new CookieJar();
    next.set(env.cookieName, last);
    const me = await client.request(tanstackStartTarget.paths.api, next);
    expect(me.status).toBe(200);
    expect(sessionSetCookies(me, env.cookieName)).toEqual([]);
    expect(env.emulator.stats().authenticate.refreshToken.succeeded).toBe(2);
  });
});
