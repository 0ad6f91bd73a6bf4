import {
  type ContractEnvironment,
  CookieJar,
  createContractClient,
  SEED_USER,
  seedOrganizationId,
  startContractEnvironment,
} from '@authkit-ssr/adapter-contract';
import { type Session, unsealSession } from '@authkit-ssr/core';
import { DEFAULT_SEED } from '@authkit-ssr/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationNext15Target, migrationTarget } from './example-targets.ts';

const ACME = seedOrganizationId('Acme');
const ADA_ID = DEFAULT_SEED.users?.[0]?.id ?? '';

// A machine client's key, known to the emulator (POST /api_keys/validations).
const MACHINE_KEY = {
  id: 'api_key_01JMACHINEMACHINEMACHINE01',
  value: 'sk_test_machine_client_0042',
  name: 'Nightly export',
  organization: 'Acme',
  permissions: ['posts:read'],
};

/**
 * Features of the kit's API that the contract suite does not reach, over HTTP against the migration
 * app (written only against `@workos-inc/authkit-nextjs`): `debug`, the refresh callbacks of
 * `authkit()`, `validateApiKey()` and `saveSession()`.
 */
describe.each([migrationTarget, migrationNext15Target])('kit extras: $name', (target) => {
  let ctx: ContractEnvironment;
  const client = createContractClient(() => ctx, target.paths);
  const { request } = client;

  beforeAll(async () => {
    // AUTHKIT_EXAMPLE_DEBUG turns on the proxy's `debug` (the app's default is off, as the kit's).
    ctx = await startContractEnvironment(
      { ...target, env: { ...target.env, AUTHKIT_EXAMPLE_DEBUG: '1' } },
      { emulator: { seed: { ...DEFAULT_SEED, apiKeys: [MACHINE_KEY] } } },
    );
  }, 120_000);
  afterAll(async () => {
    await ctx?.stop();
  });

  const unseal = async (jar: CookieJar): Promise<Session> => {
    const sealed = jar.get(ctx.cookieName);
    expect(sealed, 'a session cookie in one piece').toBeDefined();
    return unsealSession(sealed ?? '', [ctx.env.WORKOS_COOKIE_PASSWORD ?? '']);
  };

  /** The first line the app printed after `from` that matches: polled, since its output comes through a pipe. */
  async function printedLine(from: number, pattern: RegExp): Promise<string> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const line = ctx.app
        .output()
        .slice(from)
        .split('\n')
        .find((text) => pattern.test(text));
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`The app printed no line matching ${pattern}:\n${ctx.app.output().slice(from)}`);
  }

  it('debug: logs the refresh of an expired session, and never a token or cookie value', async () => {
    const { jar } = await client.signIn({ expired: true });
    const sealedBefore = jar.get(ctx.cookieName) ?? '';
    const before = await unseal(jar);
    const from = ctx.app.output().length;

    const response = await request('/api/me', jar);
    expect(response.status).toBe(200);
    jar.apply(response);
    const after = await unseal(jar);
    expect(after.refreshToken, 'the request refreshed').not.toBe(before.refreshToken);

    await printedLine(from, /\[authkit-ssr\] session refreshed \(led\)/);
    const output = ctx.app.output();
    const secrets = {
      'expired access token': before.accessToken,
      'spent refresh token': before.refreshToken,
      'new access token': after.accessToken,
      'new refresh token': after.refreshToken,
      'old cookie value': sealedBefore,
      'new cookie value': jar.get(ctx.cookieName) ?? '',
    };
    for (const [label, secret] of Object.entries(secrets)) {
      expect(secret.length, label).toBeGreaterThan(20);
      expect(output.includes(secret), `${label} in the app's output`).toBe(false);
    }
  });

  it('onSessionRefreshSuccess (authkit() in the proxy): called with the new access token, the user and the organization', async () => {
    const { jar } = await client.signIn({ expired: true });
    const from = ctx.app.output().length;

    const response = await request('/api/composed', jar);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: ADA_ID, email: SEED_USER.email } });
    const line = await printedLine(from, /\[refresh callback\]/);
    expect(line).toContain(
      `[refresh callback] success user=${SEED_USER.email} organization=${ACME} token-subject=${ADA_ID}`,
    );
  });

  it('onSessionRefreshError (authkit() in the proxy): called with the request and a TokenRefreshError when WorkOS refuses the refresh token', async () => {
    const { jar } = await client.signIn({ expired: true });
    // End the session at WorkOS, so its refresh token is refused.
    const { accessToken } = await unseal(jar);
    const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      sid: string;
    };
    const revoke = await fetch(`${ctx.emulator.url}/user_management/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: sid }),
    });
    expect(revoke.ok).toBe(true);
    const from = ctx.app.output().length;

    const response = await request('/api/composed', jar);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: null });
    const line = await printedLine(from, /\[refresh callback\]/);
    expect(line).toContain('[refresh callback] error path=/api/composed token-refresh-error=true');
  });

  it.each([
    ['a known API key', `Bearer ${MACHINE_KEY.value}`, 200],
    ['an unknown API key', 'Bearer sk_test_nobody_knows_this', 401],
    ['no Authorization header', undefined, 401],
  ])('validateApiKey() with %s', async (_label, authorization, status) => {
    const response = await request('/api/machine', undefined, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({
      apiKey:
        status === 200
          ? {
              id: MACHINE_KEY.id,
              name: MACHINE_KEY.name,
              owner: { type: 'organization', id: ACME },
              permissions: MACHINE_KEY.permissions,
            }
          : null,
    });
  });

  it("saveSession(): the app's own code exchange stores a session the next request is signed in with", async () => {
    const jar = new CookieJar();
    const start = await request('/api/custom-sign-in', jar);
    expect(start.status).toBe(307);
    jar.apply(start);
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const back = new URL(authorize.headers.get('location') ?? '');
    expect(back.pathname).toBe('/api/custom-sign-in');
    expect((await request('/api/me', jar)).status, 'not signed in before the exchange').toBe(401);

    const saved = await request(`${back.pathname}${back.search}`, jar);
    expect(saved.status).toBe(307);
    expect(new URL(saved.headers.get('location') ?? '').pathname).toBe('/account');
    jar.apply(saved);

    const me = await request('/api/me', jar);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { id: ADA_ID, email: SEED_USER.email }, organizationId: ACME });
  });
});
