import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthKitCore,
  AuthKitError,
  type AuthKitOptions,
  getAuthKitCore,
  isAuthKitError,
} from '../src/index.ts';
import { COOKIE_PASSWORD, createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';

let fake: FakeWorkOS;
beforeAll(async () => {
  fake = await createFakeWorkOS();
});
afterAll(async () => {
  await fake.close();
});

function baseOptions(overrides: Partial<AuthKitOptions> = {}): AuthKitOptions {
  return {
    clientId: 'client_registry',
    apiKey: 'sk_registry',
    redirectUri: 'http://localhost:3000/callback',
    cookiePassword: [COOKIE_PASSWORD],
    ...overrides,
  };
}

describe('getAuthKitCore', () => {
  it('returns the same instance for equal options, even in fresh objects', () => {
    const first = getAuthKitCore(baseOptions());
    expect(getAuthKitCore(baseOptions())).toBe(first);
    // Key order and explicitly undefined options do not matter.
    const { clientId, ...rest } = baseOptions();
    expect(getAuthKitCore({ ...rest, clientId, debug: undefined })).toBe(first);
  });

  it('returns different instances for different options', () => {
    const first = getAuthKitCore(baseOptions());
    expect(getAuthKitCore(baseOptions({ clientId: 'client_other' }))).not.toBe(first);
    expect(getAuthKitCore(baseOptions({ cookieName: 'other-session' }))).not.toBe(first);
    expect(
      getAuthKitCore(baseOptions({ cookiePassword: [COOKIE_PASSWORD, `${COOKIE_PASSWORD}-old`] })),
    ).not.toBe(first);
    // Objects and functions count by identity.
    const api = { ...fake.api };
    const withApi = getAuthKitCore(baseOptions({ workosApi: api }));
    expect(getAuthKitCore(baseOptions({ workosApi: api }))).toBe(withApi);
    expect(getAuthKitCore(baseOptions({ workosApi: { ...fake.api } }))).not.toBe(withApi);
    const log = () => {};
    expect(getAuthKitCore(baseOptions({ debug: log }))).toBe(getAuthKitCore(baseOptions({ debug: log })));
    expect(getAuthKitCore(baseOptions({ debug: log }))).not.toBe(
      getAuthKitCore(baseOptions({ debug: () => {} })),
    );
  });

  it('shares one instance across module copies (globalThis registry)', async () => {
    // The fake's tokens name `client_test`; tokens of another client would be refused.
    const options = baseOptions({
      cookieName: 'copies-session',
      workosApi: fake.api,
      clientId: 'client_test',
    });
    const original = getAuthKitCore(options);
    vi.resetModules();
    const copy = await import('../src/index.ts');
    // A real second copy of the module: its class is not ours.
    expect(copy.AuthKitCore).not.toBe(AuthKitCore);
    expect(copy.getAuthKitCore).not.toBe(getAuthKitCore);
    expect(copy.getAuthKitCore({ ...options })).toBe(original);

    // Both copies share the instance's state: a cookie verified through one is a cache hit through the other.
    const cookie = `copies-session=${await original.sealSession(await fake.issueSession())}`;
    await original.authenticate(requestWithCookies(cookie));
    const shared = copy.getAuthKitCore(options);
    await shared.authenticate(requestWithCookies(cookie));
    expect(original.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 1 });

    // Errors from one copy are recognised by the other.
    const foreign = new copy.AuthKitError('no_session', 'x');
    expect(foreign instanceof AuthKitError).toBe(false);
    expect(isAuthKitError(foreign)).toBe(true);
    expect(copy.isAuthKitError(new AuthKitError('no_session', 'x'))).toBe(true);
  });

  it('validates options like the constructor', () => {
    expect(() => getAuthKitCore(baseOptions({ cookiePassword: 'short' }))).toThrow(
      expect.objectContaining({ code: 'configuration_invalid' }),
    );
  });
});

describe('AuthKitCore instances', () => {
  it('are independent: separate caches, metrics and refresh state', async () => {
    const first = new AuthKitCore(fake.options());
    const second = new AuthKitCore(fake.options());
    const cookie = `wos-session=${await first.sealSession(await fake.issueSession())}`;

    await first.authenticate(requestWithCookies(cookie));
    await first.authenticate(requestWithCookies(cookie));
    expect(first.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 1 });
    expect(second.metrics()).toMatchObject({ unseals: 0, sessionCacheHits: 0, seals: 0 });
    expect(first.metrics().seals).toBe(1);

    await second.authenticate(requestWithCookies(cookie));
    expect(second.metrics()).toMatchObject({ unseals: 1, sessionCacheHits: 0 });

    // A sign-out on one instance does not sign the cookie out on the other.
    await first.signOut(requestWithCookies(cookie));
    expect((await first.authenticate(requestWithCookies(cookie))).auth).toBeNull();
    expect((await second.authenticate(requestWithCookies(cookie))).auth?.user.id).toBe('user_ada');
  });

  it('are not the registry instance', () => {
    const options = baseOptions({ cookieName: 'separate-session' });
    expect(new AuthKitCore(options)).not.toBe(getAuthKitCore(options));
    expect(new AuthKitCore(options)).not.toBe(new AuthKitCore(options));
  });
});
