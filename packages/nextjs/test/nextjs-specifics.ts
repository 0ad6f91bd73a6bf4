import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type AdapterContractTarget,
  type ContractEnvironment,
  CookieJar,
  createContractClient,
  SEED_USER,
  seedOrganizationId,
  sessionSetCookies,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADA = SEED_USER.email;

/**
 * Next.js-specific scenarios on top of the contract suite, against an already built example:
 * actions exposure, sign-up paths, the access-token route, and an organization switch in the same
 * request as a proxy refresh. (The Chromium session with RSC navigations is browser.test.ts.)
 */
export function runNextjsSpecifics(target: AdapterContractTarget, appDir: string): void {
  describe(`next.js specifics: ${target.name}`, () => {
    let ctx: ContractEnvironment;
    const client = createContractClient(() => ctx, target.paths);
    const { request } = client;
    const signIn = async (): Promise<CookieJar> => (await client.signIn()).jar;

    beforeAll(async () => {
      ctx = await startContractEnvironment(target);
    }, 120_000);
    afterAll(async () => {
      await ctx?.stop();
    });

    it('exposes only the server actions the app declares, none from the adapter', () => {
      const manifest = JSON.parse(
        readFileSync(join(appDir, '.next/server/server-reference-manifest.json'), 'utf8'),
      ) as Record<'node' | 'edge', Record<string, { filename?: string; exportedName?: string }>>;
      const actions = [...Object.values(manifest.node), ...Object.values(manifest.edge)];
      expect(actions.map((action) => action.exportedName).sort()).toEqual([
        'signOutAction',
        'switchOrganizationAction',
      ]);
      // Next.js 16 (Turbopack) names the file from the workspace root, Next.js 15 (webpack) from the
      // app's directory (examples/nextjs-next15 holds a copy of examples/nextjs's app/).
      const actionsFile = new RegExp(`^(examples/${basename(appDir)}/)?app/actions\\.ts$`);
      for (const action of actions) expect(action.filename).toMatch(actionsFile);
    });

    it.each([
      ['an RSC request', { rsc: '1', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
      [
        'a prefetch',
        { rsc: '1', 'next-router-prefetch': '1', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
      ],
      ['a link prefetch of the sign-in route', { 'sec-purpose': 'prefetch', 'sec-fetch-dest': 'document' }],
    ])(
      'answers %s of a protected page signed out with an HTML page: no redirect to WorkOS, no sign-in cookie',
      async (_label, headers) => {
        const path = 'sec-purpose' in headers ? '/api/auth/sign-in?returnTo=/account' : '/account';
        const response = await request(path, undefined, { headers });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(
          response.headers.getSetCookie().some((cookie) => cookie.startsWith('wos-session-sign-in=')),
        ).toBe(false);
      },
    );

    it('sends signed-out visitors of a sign-up path to the sign-up screen', async () => {
      const response = await request('/welcome');
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.origin).toBe(ctx.emulator.url);
      expect(location.searchParams.get('screen_hint')).toBe('sign-up');
      expect(
        response.headers.getSetCookie().some((cookie) => cookie.startsWith('wos-session-sign-in=')),
      ).toBe(true);
    });

    it('withAuth({ ensureSignedIn }) on a page the proxy lets through: sign-in through the proxy, back to the page', async () => {
      const page = await request('/settings?tab=profile');
      expect(page.status).toBe(307);
      const marked = new URL(page.headers.get('location') ?? '', ctx.app.url);
      expect(`${marked.pathname}${marked.search}`).toBe('/settings?tab=profile&authkit-sign-in=1');
      const jar = new CookieJar();
      const start = await request(`${marked.pathname}${marked.search}`, jar);
      expect(start.status).toBe(307);
      expect(start.headers.get('location')?.startsWith(`${ctx.emulator.url}/user_management/authorize`)).toBe(
        true,
      );
      jar.apply(start);
      const authorize = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
      const callbackUrl = new URL(authorize.headers.get('location') ?? '');
      const callback = await request(`${callbackUrl.pathname}${callbackUrl.search}`, jar);
      expect(new URL(callback.headers.get('location') ?? '').pathname).toBe('/settings');
      expect(new URL(callback.headers.get('location') ?? '').search).toBe('?tab=profile');
      jar.apply(callback);
      const signedIn = await request('/settings', jar);
      expect(signedIn.status).toBe(200);
      expect(await signedIn.text()).toContain(ADA);
      // A signed-in visitor who follows a stale marker just lands on the page.
      const stale = await request('/settings?authkit-sign-in=1', jar);
      expect(new URL(stale.headers.get('location') ?? '', ctx.app.url).pathname).toBe('/settings');
      expect(new URL(stale.headers.get('location') ?? '', ctx.app.url).search).toBe('');
    });

    it('switches organization on a same-origin POST to the access-token route; refuses a cross-site one', async () => {
      const jar = await signIn();
      const post = (headers: Record<string, string>) =>
        request('/api/auth/access-token', jar, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ organizationId: seedOrganizationId('Globex') }),
        });
      const refused = await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(refused.status).toBe(403);
      expect(sessionSetCookies(refused, ctx.cookieName)).toEqual([]);
      const switched = await post({});
      expect(switched.status).toBe(200);
      const body = (await switched.json()) as { auth: { organizationId: string }; accessToken: string };
      expect(body.auth.organizationId).toBe(seedOrganizationId('Globex'));
      expect(body.auth).not.toHaveProperty('accessToken');
      jar.apply(switched);
      const me = (await (await request('/api/me', jar)).json()) as { organizationId: string };
      expect(me.organizationId).toBe(seedOrganizationId('Globex'));
    });

    it('serves the access token to the client from a route handler, with no-store; 401 when signed out', async () => {
      expect((await request('/api/auth/access-token')).status).toBe(401);
      const jar = await signIn();
      const response = await request('/api/auth/access-token', jar);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = (await response.json()) as { accessToken: string; auth: { user: { email: string } } };
      expect(body.accessToken.split('.')).toHaveLength(3);
      expect(body.auth.user.email).toBe(ADA);
      expect(body.auth).not.toHaveProperty('accessToken');
      // eagerAuth is off by default: no token cookie readable by scripts.
      const page = await request('/account', jar, { headers: { accept: 'text/html' } });
      expect(page.headers.getSetCookie().some((cookie) => cookie.startsWith('workos-access-token='))).toBe(
        false,
      );
    });

    it('keeps the switched session when the proxy refreshed an expired one in the same request', async () => {
      const { jar } = await client.signIn({ expired: true });
      ctx.emulator.reset();
      const switched = await request('/api/organization', jar, {
        method: 'POST',
        body: new URLSearchParams({ organizationId: seedOrganizationId('Globex') }),
      });
      expect(switched.status).toBe(200);
      expect(((await switched.json()) as { organizationId: string }).organizationId).toBe(
        seedOrganizationId('Globex'),
      );
      expect(ctx.emulator.stats().authenticate.refreshToken.succeeded).toBe(2);
      // The browser keeps the cookie written last: it must be the switched session.
      jar.apply(switched);
      const me = (await (await request('/api/me', jar)).json()) as {
        organizationId: string;
        refresh: unknown;
      };
      expect(me.organizationId).toBe(seedOrganizationId('Globex'));
      expect(me.refresh).toBeNull();
      expect(sessionSetCookies(switched, ctx.cookieName).length).toBeGreaterThan(0);
    });
  });
}
