import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKitCore,
  AuthKitError,
  authErrorResponse,
  createRequestAuthState,
  getFreshAccessToken,
  parseCookieHeader,
  redirectResponse,
  serializeCookieHeader,
} from '../src/index.ts';
import { createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';

let fake: FakeWorkOS;
beforeAll(async () => {
  fake = await createFakeWorkOS();
});
afterAll(async () => {
  await fake.close();
});

async function signedIn(core: AuthKitCore, ttlSeconds: number) {
  const session = await fake.issueSession({ ttlSeconds });
  return requestWithCookies(`wos-session=${await core.sealSession(session)}`);
}

describe('getFreshAccessToken', () => {
  it('returns the current token without refreshing while it stays valid long enough', async () => {
    const core = new AuthKitCore(fake.options());
    const before = fake.calls.refresh;
    const result = await getFreshAccessToken(core, await signedIn(core, 300));
    expect(result.auth?.accessToken.split('.')).toHaveLength(3);
    expect(result.setCookies).toEqual([]);
    expect(result.refresh).toBeUndefined();
    expect(fake.calls.refresh).toBe(before);
  });

  it('refreshes a token that expires within minValiditySeconds (default 60) and returns the new cookie', async () => {
    const core = new AuthKitCore(fake.options());
    const before = fake.calls.refresh;
    const result = await getFreshAccessToken(core, await signedIn(core, 30));
    expect(fake.calls.refresh).toBe(before + 1);
    expect(result.refresh).toBe('led');
    expect(result.auth?.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(result.setCookies.some((cookie) => cookie.startsWith('wos-session='))).toBe(true);
  });

  it('honours minValiditySeconds', async () => {
    const core = new AuthKitCore(fake.options());
    const before = fake.calls.refresh;
    const result = await getFreshAccessToken(core, await signedIn(core, 30), { minValiditySeconds: 10 });
    expect(result.refresh).toBeUndefined();
    expect(fake.calls.refresh).toBe(before);
  });

  it('answers signed out without refreshing', async () => {
    const core = new AuthKitCore(fake.options());
    const result = await getFreshAccessToken(core, requestWithCookies(''));
    expect(result).toMatchObject({ auth: null, session: null, setCookies: [] });
  });

  it("works from an adapter's request state, and concurrent callers share one refresh", async () => {
    const core = new AuthKitCore(fake.options());
    const request = await signedIn(core, 30);
    const state = createRequestAuthState(await core.authenticate(request));
    const before = fake.calls.refresh;
    const [first, second] = await Promise.all([
      getFreshAccessToken(core, state, { request }),
      getFreshAccessToken(core, state, { request }),
    ]);
    expect(fake.calls.refresh).toBe(before + 1);
    expect(first.session?.accessToken).toBe(second.session?.accessToken);
    expect(first.session?.accessToken).not.toBe(state.session?.accessToken);
    expect(first.setCookies.length).toBeGreaterThan(0);
  });

  it('uses the given clock', async () => {
    const core = new AuthKitCore(fake.options());
    const state = createRequestAuthState(await core.authenticate(await signedIn(core, 300)));
    const before = fake.calls.refresh;
    const inFourMinutes = () => Date.now() + 250_000;
    const result = await getFreshAccessToken(core, state, { now: inFourMinutes });
    expect(result.refresh).toBeDefined();
    expect(fake.calls.refresh).toBe(before + 1);
  });
});

describe('authErrorResponse page option', () => {
  it('answers the HTML page whatever the Accept header says', async () => {
    const error = new AuthKitError('state_mismatch', 'State mismatch');
    const json = authErrorResponse(
      error,
      new Request('http://x/', { headers: { accept: 'application/json' } }),
    );
    expect(json.headers.get('content-type')).toBe('application/json');
    for (const page of [
      authErrorResponse(error, undefined, { page: true }),
      authErrorResponse(error, new Request('http://x/'), { page: true }),
    ]) {
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(await page.text()).toContain('state_mismatch');
    }
  });
});

describe('redirectResponse', () => {
  it('redirects with the cookies in order and no-store', () => {
    const response = redirectResponse('https://example.com/next', ['a=1; Path=/', 'b=2; Path=/']);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.com/next');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('takes a status and no cookies', () => {
    const response = redirectResponse('/signed-out', [], 303);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signed-out');
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('serializeCookieHeader', () => {
  it('builds a Cookie header that parseCookieHeader reads back', () => {
    const cookies = [
      { name: 'wos-session', value: 'Fe26.2**abc' },
      { name: 'odd', value: 'a; b=c %' },
    ];
    const header = serializeCookieHeader(cookies);
    expect(header).toBe('wos-session=Fe26.2**abc; odd=a%3B%20b%3Dc%20%25');
    expect([...parseCookieHeader(header)]).toEqual(cookies.map(({ name, value }) => [name, value]));
    expect(serializeCookieHeader([])).toBe('');
  });
});
