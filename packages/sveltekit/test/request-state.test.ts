import type { Auth, AuthenticateResult, AuthKitCore, Session } from '@authkit-ssr/core';
import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { applyResult, getAuthState, isSessionDependent, startAuthState } from '../src/request-state.ts';

function session(issuedAtSeconds: number): Session {
  const payload = Buffer.from(
    JSON.stringify({ sub: 'user_1', sid: 'session_1', iat: issuedAtSeconds, exp: issuedAtSeconds + 300 }),
  );
  return {
    accessToken: `eyJhbGciOiJub25lIn0.${payload.toString('base64url')}.sig`,
    refreshToken: `refresh-${issuedAtSeconds}`,
    user: { id: 'user_1' } as Session['user'],
  };
}

function result(issuedAtSeconds: number | null, setCookies = true): AuthenticateResult {
  return {
    auth: null,
    session: issuedAtSeconds === null ? null : session(issuedAtSeconds),
    setCookies: setCookies ? [`wos-session=${issuedAtSeconds ?? ''}; Path=/; HttpOnly`] : [],
    cacheHeaders: {},
    refresh: 'led',
  };
}

/** A request event whose cookies record what the adapter sets, as SvelteKit's `cookies.set` would. */
function fakeEvent() {
  const written: string[] = [];
  const attributes: object[] = [];
  const cookies = {
    set: (name: string, value: string, options: { path?: string; httpOnly?: boolean; secure?: boolean }) => {
      written.push(`${name}=${value}`);
      attributes.push(options);
    },
  } as unknown as Cookies;
  const event = {
    locals: {},
    cookies,
    request: new Request('http://127.0.0.1/'),
    url: new URL('http://127.0.0.1/'),
  };
  return { event, written, attributes };
}

const core = {} as AuthKitCore;

describe('request state', () => {
  it('writes the handle result and hands it to the rest of the request', () => {
    const { event, written, attributes } = fakeEvent();
    startAuthState(event, core, result(100));
    expect(written).toEqual(['wos-session=100']);
    // Core's attributes as written, not SvelteKit's defaults (Secure on): the same on SvelteKit 2 and 3.
    expect(attributes).toEqual([
      { path: '/', domain: undefined, secure: false, httpOnly: true, sameSite: undefined, maxAge: undefined },
    ]);
    expect(getAuthState(event)).toMatchObject({ core, refresh: 'led' });
    expect(getAuthState(event).session?.refreshToken).toBe('refresh-100');
    expect(isSessionDependent(event)).toBe(true);
  });

  it('keeps the newest session: an older result arriving late is not written', () => {
    const { event, written } = fakeEvent();
    startAuthState(event, core, result(100, false));
    expect(isSessionDependent(event)).toBe(false);
    expect(applyResult(event, result(200)).session?.refreshToken).toBe('refresh-200');
    expect(applyResult(event, result(150)).session?.refreshToken).toBe('refresh-200');
    expect(written).toEqual(['wos-session=200']);
  });

  it('always applies a sign-out, and reads `null` as the refresh of an untouched session', () => {
    const { event, written } = fakeEvent();
    startAuthState(event, core, { ...result(100, false), refresh: undefined });
    expect(getAuthState(event).refresh).toBeNull();
    applyResult(event, result(null));
    expect(getAuthState(event).session).toBeNull();
    expect((event.locals as { auth: { user: unknown } }).auth.user).toBeNull();
    expect(written).toEqual(['wos-session=']);
  });

  it('throws a helpful error when authKitHandle did not run', () => {
    expect(() => getAuthState({ locals: {} })).toThrow('authKitHandle()');
  });

  it('puts locals.auth as a plain property: the same copy on every read, replaceable, spread and serialized', () => {
    const { event } = fakeEvent();
    const user = {
      id: 'user_1',
      email: 'ada@example.com',
      metadata: { tier: 'pro' },
    } as unknown as Auth['user'];
    const auth = {
      user,
      sessionId: 'session_1',
      roles: ['member'],
      accessToken: 'token',
      accessTokenExpiresAt: new Date(0),
      claims: { sid: 'session_1' },
    } as unknown as Auth;
    startAuthState(event, core, { ...result(100, false), auth });
    const locals = event.locals as { auth: { user: { email: string; metadata: { tier: string } } | null } };

    expect('auth' in locals && Object.keys(locals)).toEqual(['auth']);
    expect(JSON.parse(JSON.stringify(locals))).toMatchObject({
      auth: { user: { id: 'user_1' }, accessToken: 'token' },
    });
    const first = locals.auth;
    expect(locals.auth).toBe(first);
    expect({ ...locals }.auth).toBe(first);
    // The request's own copy: changing it leaves the session's user (shared by later requests) alone.
    first.user!.metadata.tier = 'free';
    expect((user as unknown as { metadata: { tier: string } }).metadata.tier).toBe('pro');

    const replaced = { user: null };
    locals.auth = replaced;
    expect(locals.auth).toBe(replaced);
    // A later session change puts the new auth there again.
    applyResult(event, result(null));
    expect(locals.auth.user).toBeNull();
    expect(locals.auth).not.toBe(replaced);
  });
});
