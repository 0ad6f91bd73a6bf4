import { WorkOS } from '@workos-inc/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, InvalidFaultError, startEmulator } from '../src/index.js';
import { caught, createSdkClient } from './sdk-clients.js';

const ADA = DEFAULT_SEED.users?.[0]?.id ?? '';

describe('fault injection and counters', () => {
  let emulator: Emulator;
  let workos: WorkOS;

  beforeEach(async () => {
    emulator = await startEmulator();
    workos = createSdkClient(WorkOS, emulator);
  });
  afterEach(() => emulator.stop());

  it('answers an injected status with Retry-After, for `times` requests only', async () => {
    emulator.injectFault({ endpoint: 'getUser', status: 429, retryAfterSeconds: 7, times: 1 });
    const error = await caught(() => workos.userManagement.getUser(ADA));
    expect(error.constructor.name).toBe('RateLimitExceededException');
    expect(error).toMatchObject({ status: 429, retryAfter: 7 });
    await expect(workos.userManagement.getUser(ADA)).resolves.toMatchObject({ id: ADA });
    expect(emulator.stats()).toMatchObject({ faultsApplied: 1, requests: { getUser: 2 } });
  });

  it('answers a custom status and body on a path pattern', async () => {
    emulator.injectFault({
      method: 'GET',
      path: '/organizations/:id',
      status: 503,
      body: { message: 'maintenance' },
    });
    const response = await fetch(`${emulator.url}/organizations/anything`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'maintenance' });
    const error = await caught(() => workos.organizations.getOrganization('org_x'));
    expect(error).toMatchObject({ status: 503, message: 'maintenance' });
  });

  it('delays responses by latencyMs', async () => {
    emulator.injectFault({ endpoint: 'jwks', latencyMs: 300 });
    const started = performance.now();
    const response = await fetch(emulator.jwksUrl);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the response after rotating the refresh token: the client sees a network error, the token is spent', async () => {
    const { refreshToken } = emulator.issueSession();
    emulator.injectFault({
      endpoint: 'authenticate',
      grantType: 'refresh_token',
      dropResponseAfterWork: true,
      times: 1,
    });
    const networkError = await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken }),
    );
    expect(String(networkError.message)).toMatch(/fetch failed|socket|other side closed|network/i);
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(1);

    const retry = await caught(() => workos.userManagement.authenticateWithRefreshToken({ refreshToken }));
    expect(retry).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Refresh token already exchanged.',
    });
  });

  it('lets a retry within the reuse grace recover from a dropped response', async () => {
    emulator.configure({ refreshReuseGraceSeconds: 30 });
    const { refreshToken } = emulator.issueSession();
    emulator.injectFault({ endpoint: 'authenticate', dropResponseAfterWork: true, times: 1 });
    await caught(() => workos.userManagement.authenticateWithRefreshToken({ refreshToken }));
    const retried = await workos.userManagement.authenticateWithRefreshToken({ refreshToken });
    expect(retried.refreshToken).not.toBe(refreshToken);
    expect(emulator.stats().authenticate.refreshToken).toMatchObject({ succeeded: 1, reusedWithinGrace: 1 });
  });

  it('narrows authenticate faults by grant type', async () => {
    emulator.injectFault({ endpoint: 'authenticate', grantType: 'authorization_code', status: 500 });
    const { refreshToken } = emulator.issueSession();
    await expect(workos.userManagement.authenticateWithRefreshToken({ refreshToken })).resolves.toBeTruthy();
    expect(emulator.stats().faultsApplied).toBe(0);
  });

  it('counts requests per endpoint and outcomes per grant; reset() zeroes counters and clears faults', async () => {
    const session = emulator.issueSession();
    await workos.userManagement.authenticateWithRefreshToken({ refreshToken: session.refreshToken });
    await caught(() =>
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: session.refreshToken }),
    );
    await fetch(emulator.jwksUrl);
    await fetch(`${emulator.url}/nowhere`);
    expect(emulator.stats()).toMatchObject({
      requests: { authenticate: 2, jwks: 1 },
      authenticate: { refreshToken: { succeeded: 1, rejected: 1, reuseRejected: 1 } },
      jwksFetches: 1,
      notFound: 1,
      sessionsCreated: 1,
    });

    emulator.injectFault({ endpoint: 'jwks', status: 500 });
    emulator.reset();
    expect(emulator.stats().requests.authenticate).toBe(0);
    expect(emulator.listFaults()).toEqual([]);
    expect((await fetch(emulator.jwksUrl)).status).toBe(200);
  });

  it('rejects invalid fault specs', () => {
    expect(() => emulator.injectFault({ endpoint: 'nope' as 'jwks', status: 500 })).toThrow(TypeError);
    expect(() => emulator.injectFault({ status: 99 })).toThrow(TypeError);
    expect(() => emulator.injectFault({ status: 500, dropResponseAfterWork: true })).toThrow(TypeError);
    expect(() => emulator.injectFault({ path: `/${'a'.repeat(1000)}`, status: 500 })).toThrow(
      InvalidFaultError,
    );
  });

  it('refuses a fault that would change nothing, with a typed error', () => {
    for (const spec of [
      {},
      { endpoint: 'jwks' as const },
      { latencyMs: 0 },
      { dropResponseAfterWork: false },
    ]) {
      const error = (() => {
        try {
          emulator.injectFault(spec);
        } catch (thrown) {
          return thrown;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(InvalidFaultError);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({
        code: 'invalid_fault',
        message: expect.stringContaining('needs an effect'),
      });
    }
    expect(emulator.listFaults()).toEqual([]);
  });

  it('matches `:name` to exactly one non-empty segment and `*` across segments', async () => {
    emulator.injectFault({ method: 'GET', path: '/organizations/:id', status: 418 });
    emulator.injectFault({ method: 'GET', path: '/user_management/*/x*y', status: 419 });
    const status = async (path: string) => (await fetch(`${emulator.url}${path}`)).status;
    expect(await status('/organizations/org_1')).toBe(418);
    expect(await status('/organizations/')).toBe(404);
    expect(await status('/organizations/a/b')).toBe(404);
    expect(await status('/user_management/a/b/xzzy')).toBe(419);
    expect(await status('/user_management/a/b/xzz')).toBe(404);
    expect(await status('/user_management/xy')).toBe(404);
  });
});

describe('the control API over HTTP', () => {
  let emulator: Emulator;

  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.stop());

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${emulator.url}/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('injects, lists and clears faults', async () => {
    expect((await control('POST', '/faults', { endpoint: 'jwks', status: 502, times: 2 })).status).toBe(201);
    expect((await control('GET', '/faults')).body).toEqual({
      data: [{ endpoint: 'jwks', status: 502, times: 2 }],
    });
    expect((await fetch(emulator.jwksUrl)).status).toBe(502);
    expect((await control('DELETE', '/faults')).status).toBe(200);
    expect((await fetch(emulator.jwksUrl)).status).toBe(200);
    expect((await control('POST', '/faults', { endpoint: 'nope' })).status).toBe(400);
  });

  it('refuses an empty fault with 400', async () => {
    const refused = await control('POST', '/faults', {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('needs an effect');
    expect((await control('GET', '/faults')).body).toEqual({ data: [] });
  });

  it('matches a pathological path pattern promptly and keeps answering', async () => {
    // As a RegExp, `*a*a…ab` against 40 `a`s backtracks for hours and blocks the event loop.
    const pattern = `/${'*a'.repeat(11)}*ab`;
    expect((await control('POST', '/faults', { path: pattern, status: 418 })).status).toBe(201);
    const path = `/${'a'.repeat(40)}`;
    expect(path).toHaveLength(41);
    expect((await fetch(`${emulator.url}${path}`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/${'a'.repeat(30)}b`)).status).toBe(418);
    expect((await control('GET', '/faults')).status).toBe(200);
    expect((await control('GET', '/stats')).body).toMatchObject({ faultsApplied: 1, notFound: 1 });
  });

  it('reads stats and resets them', async () => {
    await fetch(emulator.jwksUrl);
    expect((await control('GET', '/stats')).body).toMatchObject({ jwksFetches: 1, requests: { jwks: 1 } });
    await control('POST', '/reset');
    expect((await control('GET', '/stats')).body).toMatchObject({ jwksFetches: 0 });
  });

  it('issues sessions, signs tokens, rotates keys and changes settings', async () => {
    const issued = await control('POST', '/sessions', {
      userId: 'grace@example.com',
      accessTokenTtlSeconds: -1,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      user: { email: 'grace@example.com' },
      organizationId: expect.any(String),
    });
    expect((await control('POST', '/sessions', { userId: 'ghost@example.com' })).status).toBe(400);

    const signed = await control('POST', '/access-tokens', { claims: { sub: 'user_x', org_id: 'org_y' } });
    expect(signed.status).toBe(201);
    const [, payload] = String(signed.body.accessToken).split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({
      sub: 'user_x',
      org_id: 'org_y',
    });

    const kids = async () =>
      ((await (await fetch(emulator.jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map(
        (key) => key.kid,
      );
    const [oldKid] = await kids();
    const rotated = await control('POST', '/rotate-key', { retainPrevious: false });
    expect(rotated.body.kid).not.toBe(oldKid);
    expect(await kids()).toEqual([rotated.body.kid]);

    expect((await control('POST', '/config', { autoLogin: true, accessTokenTtlSeconds: 5 })).body).toEqual({
      autoLogin: true,
      accessTokenTtlSeconds: 5,
      refreshReuseGraceSeconds: 0,
      clockOffsetSeconds: 0,
      organizationSelection: false,
    });
    expect((await control('POST', '/config', { refreshReuseGraceSeconds: -1 })).status).toBe(400);
    expect((await control('GET', '')).body).toMatchObject({
      clientId: emulator.clientId,
      jwksUrl: emulator.jwksUrl,
    });
    expect((await control('GET', '/nope')).status).toBe(404);
  });
});
