import type { AuthenticateResult, AuthKitCore, Session } from '@authkit-ssr/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const written: string[] = [];
const headers = new Map<string, string>();

vi.mock('@tanstack/react-start/server', () => ({
  appendResponseHeader: (name: string, value: string) => {
    if (name.toLowerCase() === 'set-cookie') written.push(value);
  },
  setResponseHeader: (name: string, value: string) => headers.set(name, value),
  getRequest: () => new Request('http://127.0.0.1/'),
}));

const { applyResult, createRequestState, getCore } = await import('../src/request-state.ts');

const settings = { exposeAccessToken: false, redirectUri: 'http://127.0.0.1/callback' };

function session(issuedAtSeconds: number): Session {
  const payload = Buffer.from(
    JSON.stringify({ sub: 'user_1', sid: 'session_1', iat: issuedAtSeconds, exp: issuedAtSeconds + 300 }),
  );
  const accessToken = `eyJhbGciOiJub25lIn0.${payload.toString('base64url')}.sig`;
  return {
    accessToken,
    refreshToken: `refresh-${issuedAtSeconds}`,
    user: { id: 'user_1' } as Session['user'],
  };
}

function result(issuedAtSeconds: number | null): AuthenticateResult {
  const current = issuedAtSeconds === null ? null : session(issuedAtSeconds);
  return {
    auth: null,
    session: current,
    setCookies: [`wos-session=${issuedAtSeconds ?? ''}; Path=/`],
    cacheHeaders: { 'Cache-Control': 'no-store', Vary: 'Cookie' },
    refresh: 'led',
  };
}

function fakeCore(authenticate: () => Promise<AuthenticateResult>): AuthKitCore {
  return { authenticate } as unknown as AuthKitCore;
}

describe('request state', () => {
  beforeEach(() => {
    written.length = 0;
    headers.clear();
  });

  it('writes the cookies of authentication, private and uncacheable', async () => {
    const state = await createRequestState(
      new Request('http://127.0.0.1/account'),
      fakeCore(async () => result(100)),
      settings,
    );
    expect(written).toEqual(['wos-session=100; Path=/']);
    expect(headers.get('Cache-Control')).toBe('private, no-store');
    expect(headers.get('Vary')).toBe('Cookie');
    expect(state.refresh).toBe('led');
  });

  it('never writes an older session after a newer one in the same request', async () => {
    const state = await createRequestState(
      new Request('http://127.0.0.1/'),
      fakeCore(async () => result(100)),
      settings,
    );
    expect(applyResult(state, result(200))).toBe(true);
    expect(applyResult(state, result(150))).toBe(false);
    expect(written).toEqual(['wos-session=100; Path=/', 'wos-session=200; Path=/']);
    expect(state.session?.refreshToken).toBe('refresh-200');
  });

  it('lets a sign-out (no session) win over any session', async () => {
    const state = await createRequestState(
      new Request('http://127.0.0.1/'),
      fakeCore(async () => result(100)),
      settings,
    );
    expect(applyResult(state, result(null))).toBe(true);
    expect(state.session).toBeNull();
    expect(written.at(-1)).toBe('wos-session=; Path=/');
  });

  it('reads the WORKOS_* environment, and explicit options win', () => {
    vi.stubEnv('WORKOS_CLIENT_ID', 'client_from_env');
    vi.stubEnv('WORKOS_API_KEY', 'sk_from_env');
    vi.stubEnv('WORKOS_REDIRECT_URI', 'http://127.0.0.1:3000/api/auth/callback');
    vi.stubEnv('WORKOS_COOKIE_PASSWORD', 'a-cookie-password-of-at-least-32-characters');
    vi.stubEnv('WORKOS_COOKIE_NAME', 'from-env');
    try {
      const core = getCore({ cookieName: 'explicit' });
      expect(core.options.cookieName).toBe('explicit');
      expect(core.options.clientId).toBe('client_from_env');
      expect(getCore().options.cookieName).toBe('from-env');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
