import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKitCore,
  AuthKitError,
  applySessionChange,
  authErrorResponse,
  createRequestAuthState,
} from '../src/index.ts';
import { createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';

let fake: FakeWorkOS;
/** The clock of the fake WorkOS and of the cores given `now: clock`. */
let clockMs = Date.now();
const clock = () => clockMs;
beforeAll(async () => {
  fake = await createFakeWorkOS({ now: clock });
});
afterAll(async () => {
  await fake.close();
});

describe('request auth state', () => {
  it('never lets an older session overwrite a newer one within a request', async () => {
    const core = new AuthKitCore(fake.options({ now: clock }));
    const expired = await fake.issueSession({ expired: true });
    const initial = await core.authenticate(
      requestWithCookies(`wos-session=${await core.sealSession(expired)}`),
    );
    const state = createRequestAuthState(initial);
    expect(state.wroteSessionCookie).toBe(true);
    expect(state.refresh).toBe('led');

    // A second refresh in the same request (a server function) yields a newer session, issued a second later.
    clockMs += 1_000;
    const newer = await core.refreshSession(initial.session!);
    expect(applySessionChange(state, newer)).toEqual(newer.setCookies);
    expect(state.session?.accessToken).toBe(newer.session?.accessToken);

    // The first result arriving late is stale: nothing to write, the newest session stays.
    expect(applySessionChange(state, initial)).toBeUndefined();
    expect(state.session?.accessToken).toBe(newer.session?.accessToken);
  });

  it('always applies a sign-out', async () => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession();
    const cookie = `wos-session=${await core.sealSession(session)}`;
    const state = createRequestAuthState(await core.authenticate(requestWithCookies(cookie)));
    expect(state.wroteSessionCookie).toBe(false);
    const signOut = await core.signOut(requestWithCookies(cookie));
    const written = applySessionChange(state, { auth: null, session: null, setCookies: signOut.setCookies });
    expect(written).toEqual(signOut.setCookies);
    expect(state.auth).toBeNull();
    expect(state.wroteSessionCookie).toBe(true);
  });
});

describe('authErrorResponse', () => {
  it('answers browsers with an escaped HTML page and the error status', async () => {
    const error = new AuthKitError('state_mismatch', 'State <b>mismatch</b>');
    const response = authErrorResponse(error, new Request('http://x/', { headers: { accept: 'text/html' } }));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = await response.text();
    expect(body).toContain('State &#60;b&#62;mismatch&#60;/b&#62;');
    expect(body).not.toContain('<b>');
  });

  it('answers outages with 503 and Retry-After, as JSON for API clients', async () => {
    const error = new AuthKitError('upstream_unavailable', 'WorkOS answered 503', { retryAfterSeconds: 7 });
    const response = authErrorResponse(
      error,
      new Request('http://x/', { headers: { accept: 'application/json' } }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ error: 'upstream_unavailable', message: 'WorkOS answered 503' });
  });

  it('hides the message of errors that are not meant for users', async () => {
    const error = new AuthKitError('configuration_invalid', 'cookiePassword must be at least 32 characters');
    const body = await authErrorResponse(error).text();
    expect(body).not.toContain('cookiePassword');
    expect(JSON.parse(body).error).toBe('configuration_invalid');
  });
});

describe('authenticate without refresh', () => {
  it('reads an expired session as signed out, leaves the cookie and spends no refresh token', async () => {
    const core = new AuthKitCore(fake.options());
    const before = fake.calls.refresh;
    const cookie = `wos-session=${await core.sealSession(await fake.issueSession({ expired: true }))}`;
    const readOnly = await core.authenticate(requestWithCookies(cookie), { refresh: false });
    expect(readOnly.auth).toBeNull();
    expect(readOnly.setCookies).toEqual([]);
    expect(fake.calls.refresh).toBe(before);
    // The same cookie still refreshes where cookies can be written.
    expect((await core.authenticate(requestWithCookies(cookie))).refresh).toBe('led');
  });

  it('shows a token inside its refresh window without refreshing', async () => {
    const core = new AuthKitCore(fake.options({ refreshBeforeExpirySeconds: 60 }));
    const before = fake.calls.refresh;
    const session = await fake.issueSession({ ttlSeconds: 30 });
    const result = await core.authenticate(
      requestWithCookies(`wos-session=${await core.sealSession(session)}`),
      {
        refresh: false,
      },
    );
    expect(result.auth?.accessToken).toBe(session.accessToken);
    expect(fake.calls.refresh).toBe(before);
  });
});
