import { WorkOS } from '@workos-inc/node';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';
import { caught, createSdkClient, signInHeadless } from './sdk-clients.js';

const ACME = DEFAULT_SEED.organizations?.[0]?.id ?? '';
const GLOBEX = DEFAULT_SEED.organizations?.[1]?.id ?? '';
const REDIRECT_URI = 'http://localhost:3000/callback';
const T0 = Date.UTC(2030, 0, 1);

describe('the emulator clock', () => {
  let emulator: Emulator;
  afterEach(() => emulator.stop());

  async function signIn(workos: WorkOS) {
    const { url, codeVerifier } = await workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: REDIRECT_URI,
    });
    return workos.userManagement.authenticateWithCode({ code: await signInHeadless(url), codeVerifier });
  }

  /** What a relying party sees: verification against the emulator's JWKS at the real time. */
  function verify(accessToken: string) {
    return jwtVerify(accessToken, createRemoteJWKSet(new URL(emulator.jwksUrl)), { issuer: emulator.issuer });
  }

  it('stamps tokens and expires codes by the injected `now`', async () => {
    let now = T0;
    emulator = await startEmulator({ autoLogin: true, now: () => now });
    const workos = createSdkClient(WorkOS, emulator);
    const auth = await signIn(workos);
    expect(decodeJwt(auth.accessToken)).toMatchObject({ iat: T0 / 1000, exp: T0 / 1000 + 300 });
    expect(emulator.now()).toBe(T0);

    const { url, codeVerifier } = await workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: REDIRECT_URI,
    });
    const code = await signInHeadless(url);
    now += 601_000;
    const error = await caught(() => workos.userManagement.authenticateWithCode({ code, codeVerifier }));
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('issues already expired tokens while clockOffsetSeconds is negative (control API), valid ones after', async () => {
    emulator = await startEmulator({ autoLogin: true });
    const workos = createSdkClient(WorkOS, emulator);
    const config = async (body: unknown) =>
      fetch(`${emulator.url}/__emulator/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const shifted = await config({ clockOffsetSeconds: -3600 });
    expect(await shifted.json()).toMatchObject({ clockOffsetSeconds: -3600 });
    const info = (await (await fetch(`${emulator.url}/__emulator`)).json()) as { now: number };
    expect(info.now).toBeLessThan(Date.now() - 3_500_000);

    const auth = await signIn(workos);
    const claims = decodeJwt(auth.accessToken);
    expect(claims.exp).toBeLessThan(Date.now() / 1000);
    expect(claims.iat).toBe((claims.exp ?? 0) - 300);
    await expect(verify(auth.accessToken)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });

    expect((await config({ clockOffsetSeconds: 0 })).status).toBe(200);
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: auth.refreshToken,
    });
    const { payload } = await verify(refreshed.accessToken);
    expect(payload.sid).toBe(claims.sid);

    expect((await config({ clockOffsetSeconds: 'soon' })).status).toBe(400);
  });

  it('mints an expired access token for an existing session, in its current organization', async () => {
    emulator = await startEmulator();
    const session = emulator.issueSession({ userId: 'ada@example.com', organizationId: ACME });
    const workos = createSdkClient(WorkOS, emulator);
    const switched = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
      organizationId: GLOBEX,
    });

    const before = Math.floor(emulator.now() / 1000);
    const expired = emulator.issueAccessToken({ sessionId: session.sessionId, expiresInSeconds: -60 });
    const claims = decodeJwt(expired);
    expect(claims).toMatchObject({
      sub: session.user.id,
      sid: session.sessionId,
      org_id: GLOBEX,
      role: 'member',
    });
    expect(claims.exp).toBeGreaterThanOrEqual(before - 60);
    expect(claims.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 60);
    expect(claims.iat).toBe((claims.exp ?? 0) - 300);
    await expect(verify(expired)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });

    // The session's refresh token is untouched: the client can recover from the expired token.
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: switched.refreshToken,
    });
    expect(decodeJwt(refreshed.accessToken).sid).toBe(session.sessionId);

    expect(
      decodeJwt(emulator.issueAccessToken({ sessionId: session.sessionId, organizationId: null })),
    ).not.toHaveProperty('org_id');
    expect(() => emulator.issueAccessToken({ sessionId: 'session_nope' })).toThrow(TypeError);
    expect(() =>
      emulator.issueAccessToken({ sessionId: session.sessionId, organizationId: 'org_nope' }),
    ).toThrow(TypeError);
  });

  it('mints session access tokens over the control API', async () => {
    emulator = await startEmulator();
    const session = emulator.issueSession({ userId: 'grace@example.com' });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${emulator.url}/__emulator${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const minted = await post(`/sessions/${session.sessionId}/access-tokens`, { expiresInSeconds: -1 });
    expect(minted.status).toBe(201);
    await expect(verify(String(minted.body.accessToken))).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    expect(decodeJwt(String(minted.body.accessToken))).toMatchObject({
      sid: session.sessionId,
      org_id: GLOBEX,
    });

    expect((await post('/sessions/session_nope/access-tokens', {})).status).toBe(400);
    expect(
      (await post(`/sessions/${session.sessionId}/access-tokens`, { expiresInSeconds: 'x' })).status,
    ).toBe(400);
    expect((await post('/sessions/%E0%A4%A/access-tokens', {})).status).toBe(400);
  });
});
