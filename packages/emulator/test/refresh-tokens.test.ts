import { WorkOS } from '@workos-inc/node';
import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';
import { caught, createSdkClient, signInHeadless } from './sdk-clients.js';

const GLOBEX = DEFAULT_SEED.organizations?.[1]?.id ?? '';
const REDIRECT_URI = 'http://localhost:3000/callback';

describe('codes and refresh tokens', () => {
  let emulator: Emulator;
  let workos: WorkOS;

  beforeEach(async () => {
    emulator = await startEmulator({ autoLogin: true });
    workos = createSdkClient(WorkOS, emulator);
  });
  afterEach(() => emulator.stop());

  async function pkceCode() {
    const { url, codeVerifier } = await workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: REDIRECT_URI,
    });
    return { code: await signInHeadless(url), codeVerifier };
  }

  it('refuses a code used twice', async () => {
    const { code, codeVerifier } = await pkceCode();
    await workos.userManagement.authenticateWithCode({ code, codeVerifier });
    const error = await caught(() => workos.userManagement.authenticateWithCode({ code, codeVerifier }));
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(String(error.errorDescription)).toContain('has expired or is invalid');
    expect(emulator.stats().authenticate.authorizationCode).toEqual({
      succeeded: 1,
      rejected: 1,
      organizationSelectionRequired: 0,
    });
  });

  it('refuses a PKCE verifier that does not match, and a missing one', async () => {
    const { code } = await pkceCode();
    const mismatch = await caught(() =>
      workos.userManagement.authenticateWithCode({ code, codeVerifier: 'x'.repeat(43) }),
    );
    expect(mismatch).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'The code verifier does not match the code challenge.',
    });

    const second = await pkceCode();
    const missing = await caught(() => workos.userManagement.authenticateWithCode({ code: second.code }));
    expect(missing).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'The code verifier is missing.',
    });
  });

  it('lets a public client (no secret) exchange a PKCE code', async () => {
    const { code, codeVerifier } = await pkceCode();
    const publicClient = new WorkOS({
      clientId: emulator.clientId,
      apiHostname: '127.0.0.1',
      https: false,
      port: emulator.port,
      maxRetries: 0,
    });
    const auth = await publicClient.userManagement.authenticateWithCodeAndVerifier({ code, codeVerifier });
    expect(auth.user.email).toBe('ada@example.com');
  });

  it('refuses a code without PKCE from a client without a secret', async () => {
    const code = await signInHeadless(
      workos.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: REDIRECT_URI }),
    );
    const response = await fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: emulator.clientId, code }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('lets exactly one of 20 concurrent refreshes of one token succeed', async () => {
    const { refreshToken } = emulator.issueSession();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => workos.userManagement.authenticateWithRefreshToken({ refreshToken })),
    );
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const result of rejected)
      expect(result.reason).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(emulator.stats().authenticate.refreshToken).toMatchObject({
      succeeded: 1,
      rejected: 19,
      reuseRejected: 19,
    });
  });

  it('re-serves the same rotated pair within the reuse grace, and refuses after it', async () => {
    emulator.configure({ refreshReuseGraceSeconds: 30 });
    const { refreshToken } = emulator.issueSession();
    const first = await workos.userManagement.authenticateWithRefreshToken({ refreshToken });
    const replay = await workos.userManagement.authenticateWithRefreshToken({ refreshToken });
    expect(replay.refreshToken).toBe(first.refreshToken);
    expect(replay.accessToken).toBe(first.accessToken);
    expect(emulator.stats().authenticate.refreshToken).toMatchObject({ succeeded: 1, reusedWithinGrace: 1 });

    // The successor is still unspent and rotates normally.
    const next = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: first.refreshToken,
    });
    expect(next.refreshToken).not.toBe(first.refreshToken);

    emulator.configure({ refreshReuseGraceSeconds: 0 });
    const error = await caught(() => workos.userManagement.authenticateWithRefreshToken({ refreshToken }));
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('refuses a refresh token that was never issued', async () => {
    const error = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: 'not-a-real-token' }),
    );
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Invalid refresh token.',
    });
  });

  it('issues sessions from code, including one with an already expired access token', async () => {
    const session = emulator.issueSession({
      userId: 'ada@example.com',
      organizationId: GLOBEX,
      accessTokenTtlSeconds: -60,
    });
    expect(session.user).toMatchObject({ email: 'ada@example.com', firstName: 'Ada' });
    expect(session.organizationId).toBe(GLOBEX);
    const claims = decodeJwt(session.accessToken);
    expect(claims).toMatchObject({ sid: session.sessionId, org_id: GLOBEX, role: 'member' });
    expect(claims.exp ?? 0).toBeLessThan(Date.now() / 1000);

    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
    });
    const fresh = decodeJwt(refreshed.accessToken);
    expect(fresh.sid).toBe(session.sessionId);
    expect((fresh.exp ?? 0) - (fresh.iat ?? 0)).toBe(300);

    expect(emulator.issueSession({ organizationId: null }).organizationId).toBeUndefined();
    expect(() => emulator.issueSession({ userId: 'nobody@example.com' })).toThrow(TypeError);
    expect(() =>
      emulator.issueSession({
        userId: 'grace@example.com',
        organizationId: 'org_01JACMEACMEACMEACMEACME001',
      }),
    ).toThrow(/not an active member/);
  });

  it('marks impersonation sessions with act and impersonator', async () => {
    const session = emulator.issueSession({
      impersonator: { email: 'support@example.com', reason: 'Ticket 42' },
    });
    expect(session.impersonator).toEqual({ email: 'support@example.com', reason: 'Ticket 42' });
    expect(session.authenticationMethod).toBe('Impersonation');
    expect(decodeJwt(session.accessToken).act).toEqual({ sub: 'support@example.com' });
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
    });
    expect(refreshed.impersonator).toEqual({ email: 'support@example.com', reason: 'Ticket 42' });
  });

  it('applies seeded impersonation when that user signs in', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      autoLogin: true,
      seed: {
        users: [{ email: 'target@example.com' }],
        impersonations: [{ user: 'target@example.com', email: 'admin@example.com', reason: null }],
      },
    });
    workos = createSdkClient(WorkOS, emulator);
    const { code, codeVerifier } = await pkceCode();
    const auth = await workos.userManagement.authenticateWithCode({ code, codeVerifier });
    expect(auth.impersonator).toEqual({ email: 'admin@example.com', reason: null });
    expect(auth.authenticationMethod).toBe('Impersonation');
    expect(auth.organizationId).toBeUndefined();
    expect(decodeJwt(auth.accessToken)).toMatchObject({ act: { sub: 'admin@example.com' } });
    expect(decodeJwt(auth.accessToken).org_id).toBeUndefined();
  });

  it('expires codes after their lifetime', async () => {
    await emulator.stop();
    emulator = await startEmulator({ autoLogin: true, authorizationCodeTtlSeconds: 0 });
    workos = createSdkClient(WorkOS, emulator);
    const { code, codeVerifier } = await pkceCode();
    const error = await caught(() => workos.userManagement.authenticateWithCode({ code, codeVerifier }));
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
  });
});
