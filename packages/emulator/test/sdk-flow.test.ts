import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';
import { caught, createSdkClient, SDKS, signInHeadless } from './sdk-clients.js';

const ACME = DEFAULT_SEED.organizations?.[0]?.id ?? '';
const GLOBEX = DEFAULT_SEED.organizations?.[1]?.id ?? '';
const ADA = DEFAULT_SEED.users?.[0]?.id ?? '';
const GRACE = DEFAULT_SEED.users?.[1]?.id ?? '';
const REDIRECT_URI = 'http://localhost:3000/callback';

describe.each(SDKS)('the real SDK ($name) against the emulator', ({ WorkOS, copiesRequestId }) => {
  let emulator: Emulator;
  let workos: ReturnType<typeof createSdkClient>;

  beforeAll(async () => {
    emulator = await startEmulator({ autoLogin: true });
    workos = createSdkClient(WorkOS, emulator);
  });
  afterAll(() => emulator.stop());

  async function signIn(loginHint?: string) {
    const { url, codeVerifier, state } = await workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: REDIRECT_URI,
      ...(loginHint ? { loginHint } : {}),
    });
    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe(state);
    const code = location.searchParams.get('code') ?? '';
    return workos.userManagement.authenticateWithCode({ code, codeVerifier });
  }

  it('signs in with PKCE and issues an RS256 token that verifies against the JWKS', async () => {
    const auth = await signIn();
    expect(auth.user).toMatchObject({
      id: ADA,
      email: 'ada@example.com',
      firstName: 'Ada',
      emailVerified: true,
    });
    expect(auth.organizationId).toBe(ACME);
    expect(auth.authenticationMethod).toBe('Password');
    expect(auth.refreshToken).toMatch(/^[\w-]{40,}$/);

    const jwks = createRemoteJWKSet(new URL(workos.userManagement.getJwksUrl(emulator.clientId)));
    const { payload, protectedHeader } = await jwtVerify(auth.accessToken, jwks, { issuer: emulator.issuer });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(protectedHeader.kid).toMatch(/^sso_oidc_key_pair_01[0-9A-HJKMNP-TV-Z]{24}$/);
    expect(payload).toMatchObject({
      sub: ADA,
      org_id: ACME,
      role: 'admin',
      roles: ['admin'],
      permissions: ['posts:read', 'posts:write', 'members:manage'],
      entitlements: ['audit-logs'],
      feature_flags: ['new-dashboard'],
    });
    expect(payload.sid).toMatch(/^session_01[0-9A-Z]{24}$/);
    expect(typeof payload.jti).toBe('string');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(payload.act).toBeUndefined();
  });

  it('signs in the login_hint user', async () => {
    const auth = await signIn('grace@example.com');
    expect(auth.user.id).toBe(GRACE);
    expect(auth.organizationId).toBe(GLOBEX);
    expect(decodeJwt(auth.accessToken)).toMatchObject({ org_id: GLOBEX, role: 'admin' });
  });

  it('rotates refresh tokens and refuses a spent one with invalid_grant', async () => {
    const auth = await signIn();
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: auth.refreshToken,
    });
    expect(refreshed.refreshToken).not.toBe(auth.refreshToken);
    expect(refreshed.user.id).toBe(ADA);
    expect(decodeJwt(refreshed.accessToken).sid).toBe(decodeJwt(auth.accessToken).sid);

    const error = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: auth.refreshToken }),
    );
    expect(error.constructor.name).toBe('OauthException');
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Refresh token already exchanged.',
    });
    expect(error.requestID).toMatch(copiesRequestId ? /^[0-9a-f-]{36}$/ : /^$/);

    const again = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: refreshed.refreshToken,
    });
    expect(again.organizationId).toBe(ACME);
  });

  it('switches organization for a member and refuses a non-member', async () => {
    const auth = await signIn();
    const switched = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: auth.refreshToken,
      organizationId: GLOBEX,
    });
    expect(switched.organizationId).toBe(GLOBEX);
    expect(decodeJwt(switched.accessToken)).toMatchObject({
      org_id: GLOBEX,
      role: 'member',
      permissions: ['posts:read'],
    });

    const grace = await signIn('grace@example.com');
    const refused = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({
        refreshToken: grace.refreshToken,
        organizationId: ACME,
      }),
    );
    expect(refused).toMatchObject({ status: 400, error: 'organization_membership_not_found' });
    const unknown = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({
        refreshToken: grace.refreshToken,
        organizationId: 'org_nope',
      }),
    );
    expect(unknown).toMatchObject({ status: 400, error: 'organization_not_found' });
    // A refused switch does not spend the token.
    const stillValid = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: grace.refreshToken,
    });
    expect(stillValid.organizationId).toBe(GLOBEX);
  });

  it('reads users, organizations and memberships', async () => {
    const user = await workos.userManagement.getUser(ADA);
    expect(user).toMatchObject({ object: 'user', id: ADA, email: 'ada@example.com', lastName: 'Lovelace' });

    const org = await workos.organizations.getOrganization(ACME);
    expect(org).toMatchObject({ id: ACME, name: 'Acme' });
    expect(org.domains).toEqual([
      expect.objectContaining({ domain: 'acme.test', organizationId: ACME, state: 'verified' }),
    ]);

    const memberships = await workos.userManagement.listOrganizationMemberships({ userId: ADA });
    expect(memberships.object).toBe('list');
    expect(memberships.data.map((m) => [m.organizationId, m.role.slug]).sort()).toEqual(
      [
        [ACME, 'admin'],
        [GLOBEX, 'member'],
      ].sort(),
    );
    expect(memberships.listMetadata).toEqual({ before: null, after: null });

    const byOrg = await workos.userManagement.listOrganizationMemberships({ organizationId: GLOBEX });
    expect(byOrg.data.map((m) => m.userId).sort()).toEqual([ADA, GRACE].sort());

    const notFound = await caught(() => workos.userManagement.getUser('user_missing'));
    expect(notFound.constructor.name).toBe('NotFoundException');
    const orgNotFound = await caught(() => workos.organizations.getOrganization('org_missing'));
    expect(orgNotFound).toMatchObject({ status: 404 });
  });

  it('creates a widget token', async () => {
    const { token } = await workos.widgets.createToken({
      userId: ADA,
      organizationId: ACME,
      scopes: ['widgets:users-table:manage'],
    });
    expect(decodeJwt(token)).toMatchObject({
      sub: ADA,
      org_id: ACME,
      scopes: ['widgets:users-table:manage'],
    });
  });

  it('revokes a session: its refresh token is refused afterwards', async () => {
    const auth = await signIn();
    const sessionId = String(decodeJwt(auth.accessToken).sid);
    await workos.userManagement.revokeSession({ sessionId });
    const error = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: auth.refreshToken }),
    );
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('logs out through the logout URL: 302 to return_to, and the session ends', async () => {
    const auth = await signIn();
    const sessionId = String(decodeJwt(auth.accessToken).sid);
    const logoutUrl = workos.userManagement.getLogoutUrl({
      sessionId,
      returnTo: 'http://localhost:3000/?a=1&b=2',
    });
    const before = emulator.stats().logouts;
    const response = await fetch(logoutUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://localhost:3000/?a=1&b=2');
    expect(emulator.stats().logouts).toBe(before + 1);
    const error = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: auth.refreshToken }),
    );
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Session has already ended.',
    });
  });

  it('answers 401 to a wrong API key', async () => {
    const wrong = createSdkClient(WorkOS, emulator, 'sk_test_wrong');
    const error = await caught(() => wrong.userManagement.getUser(ADA));
    expect(error.constructor.name).toBe('UnauthorizedException');
    expect(error.status).toBe(401);
  });

  it('serves sealed sessions the SDK can authenticate and refresh', async () => {
    const cookiePassword = 'a-cookie-password-of-at-least-32-chars';
    const auth = await workos.userManagement.authenticateWithCode({
      code: await signInHeadless(
        workos.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: REDIRECT_URI }),
      ),
      session: { sealSession: true, cookiePassword },
    });
    const session = workos.userManagement.loadSealedSession({
      sessionData: auth.sealedSession ?? '',
      cookiePassword,
    });
    const result = await session.authenticate();
    expect(result).toMatchObject({ authenticated: true, organizationId: ACME, role: 'admin' });
    const refreshed = await session.refresh({ organizationId: GLOBEX });
    expect(refreshed).toMatchObject({ authenticated: true, organizationId: GLOBEX, role: 'member' });
  });
});
