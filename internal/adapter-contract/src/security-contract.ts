import { type Session, sealSession, unsealSession } from '@authkit-ssr/core';
import { describe, expect, it } from 'vitest';
import type { ContractClient } from './contract-client.ts';
import type { ContractEnvironment, ContractPaths } from './contract-environment.ts';
import { CookieJar, sessionSetCookies } from './cookie-jar.ts';

/** A jar that sends a fixed `Cookie` header, e.g. with a name twice (a map-backed jar cannot). */
class RawCookieHeader extends CookieJar {
  readonly #header: string;
  constructor(header: string) {
    super();
    this.#header = header;
  }
  override header(): string {
    return this.#header;
  }
}

const ADA = 'ada@example.com';
const GRACE = 'grace@example.com';
const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * The attacks of the black-box review (issue 16), as scenarios every example app must pass:
 * cross-site sign-out, tokens of another WorkOS client, cache headers, tokens in HTML, two
 * same-named session cookies, hostile user data.
 */
export function describeSecurityContract(
  env: () => ContractEnvironment,
  paths: ContractPaths,
  client: ContractClient,
  options: { varyCookieOnPages: boolean } = { varyCookieOnPages: true },
): void {
  const { request, signIn, url } = client;

  /** A session cookie for a session issued by the emulator, optionally with another access token or user. */
  async function forgedCookie(
    options: {
      userId?: string;
      accessToken?: (issued: { sessionId: string; userId: string }) => string;
      metadata?: unknown;
    } = {},
  ): Promise<string> {
    const ctx = env();
    const issued = ctx.emulator.issueSession(options.userId ? { userId: options.userId } : {});
    const user = { ...(issued.user as unknown as Session['user']) };
    if (options.metadata !== undefined) (user as { metadata: unknown }).metadata = options.metadata;
    const session: Session = {
      accessToken: options.accessToken
        ? options.accessToken({ sessionId: issued.sessionId, userId: issued.user.id })
        : issued.accessToken,
      refreshToken: issued.refreshToken,
      user,
    };
    return sealSession(session, [ctx.env.WORKOS_COOKIE_PASSWORD as string]);
  }

  function jarWith(value: string): CookieJar {
    const jar = new CookieJar();
    jar.set(env().cookieName, value);
    return jar;
  }

  async function expectSignedIn(jar: CookieJar, email: string, label: string): Promise<void> {
    const page = await request(paths.protectedPage, jar);
    expect(page.status, `${label}: protected page`).toBe(200);
    expect(await page.text(), `${label}: protected page`).toContain(email);
    const api = await request(paths.api, jar);
    expect(api.status, `${label}: api`).toBe(200);
    expect(((await api.json()) as { user: { email: string } }).user.email, `${label}: api`).toBe(email);
  }

  async function expectSignedOut(jar: CookieJar, label: string): Promise<void> {
    const page = await request(paths.protectedPage, jar);
    expect(isRedirect(page.status), `${label}: protected page answered ${page.status}`).toBe(true);
    const api = await request(paths.api, jar);
    expect(api.status, `${label}: api`).toBe(401);
  }

  describe('security', () => {
    it.each([
      ['a cross-site Origin', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
      ['a cross-site Origin without Sec-Fetch-Site', { origin: 'https://evil.example' }],
      ['Origin: null', { origin: 'null' }],
      ['no Origin at all', {}],
    ])('refuses a sign-out POST with %s and leaves the cookie alone', async (_label, headers) => {
      const { jar } = await signIn();
      for (const cookie of [jar.header() ?? '', '']) {
        const response = await fetch(url(paths.signOut.path), {
          method: 'POST',
          redirect: 'manual',
          headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        });
        expect(response.status, 'refused').toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(sessionSetCookies(response, env().cookieName)).toEqual([]);
      }
      await expectSignedIn(jar, ADA, 'after the refused sign-out');
      expect(env().emulator.stats().logouts).toBe(0);
    });

    it('refuses a GET sign-out (a link or an image on any site) without touching the cookie', async () => {
      const { jar } = await signIn();
      const response = await fetch(url(paths.signOut.path), {
        redirect: 'manual',
        headers: { cookie: jar.header() ?? '', 'sec-fetch-site': 'cross-site' },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(sessionSetCookies(response, env().cookieName)).toEqual([]);
      await expectSignedIn(jar, ADA, 'after the GET');
    });

    it('signs out a token of another WorkOS client, or without sid or iss; accepts ours on every documented issuer form', async () => {
      const ctx = env();
      const clientId = ctx.env.WORKOS_CLIENT_ID as string;
      const sign = (claims: Record<string, unknown>) => (ids: { sessionId: string; userId: string }) =>
        ctx.emulator.signAccessToken({ sub: ids.userId, sid: ids.sessionId, ...claims });
      const refused: Array<[string, Record<string, unknown>]> = [
        ['iss of another client', { iss: `${ctx.emulator.url}/user_management/client_01OTHERAPP` }],
        [
          'iss of another client on api.workos.com',
          { iss: 'https://api.workos.com/user_management/client_01OTHERAPP' },
        ],
        ['client_id claim of another client', { client_id: 'client_01OTHERAPP' }],
        ['no sid', { sid: undefined }],
        ['no iss', { iss: undefined }],
      ];
      for (const [label, claims] of refused) {
        await expectSignedOut(jarWith(await forgedCookie({ accessToken: sign(claims) })), label);
      }
      const accepted: Array<[string, Record<string, unknown>]> = [
        ['the emulator issuer', {}],
        ['https://api.workos.com', { iss: 'https://api.workos.com' }],
        [
          'https://api.workos.com/user_management/<client id>',
          { iss: `https://api.workos.com/user_management/${clientId}` },
        ],
        ['a custom auth domain', { iss: `https://auth.example.com/user_management/${clientId}` }],
        ['our client_id claim', { client_id: clientId }],
      ];
      for (const [label, claims] of accepted) {
        await expectSignedIn(jarWith(await forgedCookie({ accessToken: sign(claims) })), ADA, label);
      }
    });

    it('marks every response rendered for a session private, no-store and Vary: Cookie', async () => {
      const { jar } = await signIn();
      for (const path of [paths.home, paths.protectedPage, paths.api]) {
        const response = await request(path, jar);
        expect(response.status, path).toBe(200);
        const cacheControl = response.headers.get('cache-control') ?? '';
        expect(cacheControl, path).toContain('no-store');
        expect(cacheControl, path).toContain('private');
        if (path === paths.api || options.varyCookieOnPages)
          expect((response.headers.get('vary') ?? '').toLowerCase(), path).toContain('cookie');
      }
      // A signed-out redirect that sets the sign-in cookie is not cacheable either.
      const redirect = await request(paths.protectedPage);
      if (redirect.headers.getSetCookie().length > 0)
        expect(redirect.headers.get('cache-control') ?? '').toContain('no-store');
    });

    it('never puts the access or refresh token in a page or a data response', async () => {
      const { jar } = await signIn();
      const session = await unsealSession(jar.get(env().cookieName) as string, [
        env().env.WORKOS_COOKIE_PASSWORD as string,
      ]);
      for (const path of [paths.home, paths.protectedPage, paths.api]) {
        const text = await (await request(path, jar)).text();
        expect(text.includes(session.accessToken), `${path} holds the access token`).toBe(false);
        expect(text.includes(session.refreshToken), `${path} holds the refresh token`).toBe(false);
      }
    });

    it('reads the first of two same-named session cookies everywhere: proxy, page and data route agree', async () => {
      const ada = await forgedCookie({ userId: ADA });
      const grace = await forgedCookie({ userId: GRACE });
      const name = env().cookieName;
      // Two cookies of one name, as a browser sends them for two paths or domains.
      const both = (first: string, second: string) =>
        new RawCookieHeader(`${name}=${first}; ${name}=${second}`);
      await expectSignedIn(both(ada, grace), ADA, 'Ada first');
      await expectSignedIn(both(grace, ada), GRACE, 'Grace first');
      await expectSignedIn(both(ada, 'garbage'), ADA, 'valid then garbage');
    });

    it('serves a user whose metadata has own __proto__ and constructor keys', async () => {
      const metadata = JSON.parse('{"__proto__": {"isAdmin": "yes"}, "constructor": "x", "plan": "pro"}');
      const jar = jarWith(await forgedCookie({ metadata }));
      const home = await request(paths.home, jar);
      expect(home.status).toBe(200);
      await expectSignedIn(jar, ADA, 'hostile metadata');
    });
  });
}
