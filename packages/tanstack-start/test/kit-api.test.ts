import type { Auth } from '@authkit-ssr/core';
import { evaluateRecentAuth } from '@authkit-ssr/core';
import { describe, expect, it } from 'vitest';
import { decodeTokenClaims } from '../src/client/jwt.ts';
import { parseAuthorizationOptions, parseSignInOptions } from '../src/sign-in-url.ts';
import { toAuthResult, toUserInfo } from '../src/user-info.ts';

const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEiLCJwbGFuIjoicHJvIn0.signature';

function auth(metadata: unknown = {}): Auth {
  return {
    user: { id: 'user_1', email: 'ada@example.com', metadata } as unknown as Auth['user'],
    sessionId: 'session_1',
    organizationId: 'org_1',
    role: 'admin',
    roles: ['admin'],
    permissions: ['read'],
    entitlements: [],
    featureFlags: [],
    impersonator: undefined,
    accessToken: ACCESS_TOKEN,
    accessTokenExpiresAt: new Date('2030-01-01T00:00:00Z'),
    claims: { sid: 'session_1', sub: 'user_1', exp: 1_893_456_000, iat: 1_893_455_700 } as Auth['claims'],
  };
}

describe("getAuth's shape (the kit's UserInfo)", () => {
  it('is { user: null } when signed out', () => {
    expect(toUserInfo(null)).toEqual({ user: null });
    expect(toAuthResult(null, null)).toEqual({ user: null });
  });

  it('has no access token unless the app opted in', () => {
    const info = toUserInfo(auth());
    expect(info).toMatchObject({
      user: { id: 'user_1' },
      sessionId: 'session_1',
      organizationId: 'org_1',
      role: 'admin',
    });
    expect('accessToken' in info).toBe(false);
    expect(JSON.stringify(info)).not.toContain(ACCESS_TOKEN);
    expect(toUserInfo(auth(), { includeAccessToken: true })).toMatchObject({ accessToken: ACCESS_TOKEN });
  });

  it('is plain JSON-safe data, whatever keys the user metadata has', () => {
    const metadata = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": "x", "plan": "pro"}');
    const info = toUserInfo(auth(metadata));
    const copy = JSON.parse(JSON.stringify(info)) as { user: { metadata: Record<string, unknown> } };
    expect(copy.user.metadata.plan).toBe('pro');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('sign-in URL options', () => {
  it('takes a string as the returnPathname', () => {
    expect(parseSignInOptions('/dashboard')).toEqual({ returnPathname: '/dashboard' });
    expect(parseSignInOptions(undefined)).toEqual({});
  });

  it("keeps the kit's options and drops screenHint from getSignInUrl's", () => {
    const options = {
      returnPathname: '/a',
      organizationId: 'org_1',
      loginHint: 'ada@example.com',
      prompt: 'login',
      state: 'custom',
      redirectUri: 'http://127.0.0.1/callback',
      maxAge: 300,
    };
    expect(parseSignInOptions({ ...options, screenHint: 'sign-up' })).toEqual(options);
    expect(parseAuthorizationOptions({ screenHint: 'sign-up' })).toEqual({ screenHint: 'sign-up' });
  });

  it('refuses values of the wrong type with a TypeError', () => {
    expect(() => parseSignInOptions({ returnPathname: 42 })).toThrow(TypeError);
    expect(() => parseAuthorizationOptions({ screenHint: 'other' })).toThrow(TypeError);
    expect(() => parseAuthorizationOptions({ maxAge: -1 })).toThrow(TypeError);
    expect(() => parseAuthorizationOptions(7)).toThrow(TypeError);
  });
});

describe('recent authentication', () => {
  it('is stale without a usable auth_time, and compares its age with maxAge', () => {
    expect(evaluateRecentAuth(undefined, 300, 1_000)).toEqual({ authenticatedAt: null, isStale: true });
    expect(evaluateRecentAuth('900', 300, 1_000)).toEqual({ authenticatedAt: null, isStale: true });
    expect(evaluateRecentAuth(900, 300, 1_000)).toEqual({
      authenticatedAt: new Date(900_000),
      isStale: false,
    });
    expect(evaluateRecentAuth(600, 300, 1_000).isStale).toBe(true);
  });
});

describe('useTokenClaims decoding', () => {
  it('reads the payload of a token, {} for anything else', () => {
    expect(decodeTokenClaims<{ plan: string }>(ACCESS_TOKEN)).toEqual({ sub: 'user_1', plan: 'pro' });
    expect(decodeTokenClaims(undefined)).toEqual({});
    expect(decodeTokenClaims('not-a-jwt')).toEqual({});
    expect(decodeTokenClaims('a.%%%.c')).toEqual({});
  });
});
