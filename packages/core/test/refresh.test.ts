import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthKitCore, isAuthKitError, type Session, WorkOSRequestError } from '../src/index.ts';
import { cookieHeaderFrom, createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';
import { observeRefreshCoordinator } from './observed-refresh-coordinator.ts';

let fake: FakeWorkOS;
/** The clock of the fake WorkOS, and of the cores that are given `now: clock`. */
let clockMs: number;
const clock = () => clockMs;

beforeEach(async () => {
  clockMs = Date.now();
  fake = await createFakeWorkOS({ now: clock });
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

/** Tracks whether a promise has settled, without waiting for it. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  return { promise: tracked, settled: () => settled };
}

async function cookieFor(core: AuthKitCore, session: Session): Promise<string> {
  return `wos-session=${await core.sealSession(session)}`;
}

function sessionCookieValue(setCookies: readonly string[]): string | undefined {
  return setCookies
    .find((cookie) => cookie.startsWith('wos-session='))
    ?.split(';')[0]
    ?.slice('wos-session='.length);
}

describe('single-flight refresh', () => {
  it('1000 concurrent requests with one expired session make exactly one upstream refresh and share one sealed cookie', async () => {
    const observed = observeRefreshCoordinator();
    const core = new AuthKitCore(fake.options({ refreshCoordinator: observed.coordinator }));
    const expired = await fake.issueSession({ expired: true });
    const cookie = await cookieFor(core, expired);
    const sealsBefore = core.metrics().seals;

    const hold = fake.holdRefreshes();
    const pending = Array.from({ length: 1000 }, () => core.authenticate(requestWithCookies(cookie)));
    await observed.runsReached(1000);
    hold.release();
    const results = await Promise.all(pending);

    expect(fake.calls.refresh).toBe(1);
    expect(core.metrics().seals - sealsBefore).toBe(1);
    const accessTokens = new Set(results.map((result) => result.auth?.accessToken));
    expect(accessTokens.size).toBe(1);
    expect([...accessTokens][0]).not.toBe(expired.accessToken);
    const cookies = new Set(results.map((result) => sessionCookieValue(result.setCookies)));
    expect(cookies.size).toBe(1);
    expect(results.filter((result) => result.refresh === 'led')).toHaveLength(1);
    expect(results.filter((result) => result.refresh === 'joined')).toHaveLength(999);
    for (const result of results) {
      expect(result.auth?.user.id).toBe('user_ada');
      expect(result.cacheHeaders).toEqual({ 'Cache-Control': 'private, no-store', Vary: 'Cookie' });
    }
  });

  it('fans the same error out to every waiter and does not cache the failure', async () => {
    const observed = observeRefreshCoordinator();
    const core = new AuthKitCore(fake.options({ refreshCoordinator: observed.coordinator }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    fake.behaviour.fail = () => new WorkOSRequestError('down', { status: 503 });
    fake.behaviour.failTimes = 1;

    const hold = fake.holdRefreshes();
    const pending = Array.from({ length: 200 }, () => core.authenticate(requestWithCookies(cookie)));
    await observed.runsReached(200);
    hold.release();
    const outcomes = await Promise.allSettled(pending);
    expect(fake.calls.refresh).toBe(1);
    const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined));
    expect(reasons.every((reason) => isAuthKitError(reason) && reason.code === 'upstream_unavailable')).toBe(
      true,
    );
    expect(new Set(reasons).size).toBe(1);

    const retried = await core.authenticate(requestWithCookies(cookie));
    expect(fake.calls.refresh).toBe(2);
    expect(retried.auth?.user.id).toBe('user_ada');
    expect(retried.refresh).toBe('led');
  });

  it('keeps the shared refresh running when the first caller aborts', async () => {
    const observed = observeRefreshCoordinator();
    const core = new AuthKitCore(fake.options({ refreshCoordinator: observed.coordinator }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const hold = fake.holdRefreshes();
    const controller = new AbortController();
    const first = core.authenticate(requestWithCookies(cookie, undefined, { signal: controller.signal }));
    const others = Array.from({ length: 10 }, () => core.authenticate(requestWithCookies(cookie)));
    await observed.runsReached(11);
    // Every caller waits on the upstream call now; the first one leaves.
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    hold.release();
    const results = await Promise.all(others);
    expect(fake.calls.refresh).toBe(1);
    expect(
      results.every((result) => result.auth?.user.id === 'user_ada' && result.setCookies.length === 1),
    ).toBe(true);
    expect(results.every((result) => result.refresh === 'joined')).toBe(true);
  });

  it('a request that arrives while the upstream call is in progress joins it', async () => {
    const observed = observeRefreshCoordinator();
    const core = new AuthKitCore(fake.options({ refreshCoordinator: observed.coordinator }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const hold = fake.holdRefreshes();
    const first = core.authenticate(requestWithCookies(cookie));
    await fake.refreshCallsReached(1);

    // A later request with the same cookie, while WorkOS is still answering the first.
    const second = core.authenticate(requestWithCookies(cookie));
    await observed.runsReached(2);
    hold.release();
    const [led, joined] = await Promise.all([first, second]);

    expect(fake.calls.refresh).toBe(1);
    expect(led.refresh).toBe('led');
    expect(joined.refresh).toBe('joined');
    expect(joined.auth?.accessToken).toBe(led.auth?.accessToken);
    expect(joined.setCookies).toEqual(led.setCookies);
  });
});

describe('replay window', () => {
  it('gives a late request with the rotated-away token the same new tokens without an upstream call', async () => {
    const core = new AuthKitCore(fake.options({ refreshReplaySeconds: 5 }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const first = await core.authenticate(requestWithCookies(cookie));
    expect(first.refresh).toBe('led');

    const late = await core.authenticate(requestWithCookies(cookie));
    expect(late.refresh).toBe('replayed');
    expect(late.auth?.accessToken).toBe(first.auth?.accessToken);
    expect(late.session?.refreshToken).toBe(first.session?.refreshToken);
    expect(sessionCookieValue(late.setCookies)).toBe(sessionCookieValue(first.setCookies));
    expect(fake.calls.refresh).toBe(1);
  });

  it('after the window, the strict upstream refuses the old token and the user is cleanly signed out', async () => {
    const core = new AuthKitCore(fake.options({ refreshReplaySeconds: 1, now: clock }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    await core.authenticate(requestWithCookies(cookie));
    clockMs += 1_000;

    const late = await core.authenticate(requestWithCookies(cookie));
    expect(fake.calls.refresh).toBe(2);
    expect(late.auth).toBeNull();
    expect(late.setCookies).toHaveLength(1);
    expect(late.setCookies[0]).toMatch(/^wos-session=; .*Max-Age=0/);
  });

  it('replays only the immediately previous token', async () => {
    const core = new AuthKitCore(fake.options({ refreshReplaySeconds: 30, refreshBeforeExpirySeconds: 10 }));
    const t0 = await fake.issueSession({ expired: true });
    const cookie0 = await cookieFor(core, t0);
    const first = await core.authenticate(requestWithCookies(cookie0));
    // Make the new session due for refresh again: rotate T1 → T2 explicitly.
    const second = await core.refreshSession(first.session!);
    expect(second.refresh).toBe('led');
    expect(fake.calls.refresh).toBe(2);

    const stale = await core.authenticate(requestWithCookies(cookie0));
    expect(stale.refresh).toBeUndefined();
    expect(stale.auth).toBeNull();
    expect(fake.calls.refresh).toBe(3);

    const cookie1 = `wos-session=${sessionCookieValue(first.setCookies)}`;
    const previous = await core.refreshSession(
      (await core.authenticate(requestWithCookies(cookie1))).session!,
    );
    expect(previous.refresh).toBe('replayed');
    expect(previous.auth?.accessToken).toBe(second.auth?.accessToken);
  });

  it('is disabled by refreshReplaySeconds: 0', async () => {
    const core = new AuthKitCore(fake.options({ refreshReplaySeconds: 0 }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    await core.authenticate(requestWithCookies(cookie));
    const late = await core.authenticate(requestWithCookies(cookie));
    expect(late.auth).toBeNull();
    expect(fake.calls.refresh).toBe(2);
  });
});

describe('organizations', () => {
  it('keeps the organization of an expired token on refresh', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(
      core,
      await fake.issueSession({ expired: true, organizationId: 'org_beta' }),
    );
    const result = await core.authenticate(requestWithCookies(cookie));
    expect(fake.refreshOrganizations).toEqual(['org_beta']);
    expect(result.auth?.organizationId).toBe('org_beta');
    expect(result.auth?.role).toBe('member');
  });

  it('switches organization with its own key, never joining a plain refresh of the same token', async () => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession({ expired: true, organizationId: 'org_beta' });
    const cookie = await cookieFor(core, session);
    const hold = fake.holdRefreshes();
    const pending = Promise.allSettled([
      core.authenticate(requestWithCookies(cookie)),
      core.switchToOrganization(requestWithCookies(cookie), 'org_alpha'),
    ]);
    // Both calls are at WorkOS at once: the switch did not join the plain refresh.
    await fake.refreshCallsReached(2);
    hold.release();
    const [plain, switched] = await pending;
    expect(fake.calls.refresh).toBe(2);
    expect([...fake.refreshOrganizations].sort()).toEqual(['org_alpha', 'org_beta']);
    expect(plain.status).toBe('fulfilled');
    // The strict upstream spends the token once: the second call of the pair is refused.
    expect(
      switched.status === 'rejected' || (plain.status === 'fulfilled' && plain.value.auth === null),
    ).toBe(true);
  });

  it('refuses a switch to an organization the user does not belong to, keeping the session', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession({ organizationId: 'org_beta' }));
    await expect(
      core.switchToOrganization(requestWithCookies(cookie), 'org_elsewhere'),
    ).rejects.toMatchObject({
      code: 'organization_switch_rejected',
    });
    const after = await core.authenticate(requestWithCookies(cookie));
    expect(after.auth?.organizationId).toBe('org_beta');
  });

  it('refreshSession keeps the organization of the session, and so does the next request', async () => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession({ organizationId: 'org_beta' });
    const refreshed = await core.refreshSession(session);
    // The strict upstream drops the organization of a refresh that names none.
    expect(fake.refreshOrganizations).toEqual(['org_beta']);
    expect(refreshed.auth?.organizationId).toBe('org_beta');

    const next = await core.authenticate(requestWithCookies(cookieHeaderFrom(refreshed.setCookies)));
    expect(next.auth?.organizationId).toBe('org_beta');
    expect(next.auth?.role).toBe('member');
  });

  it('keeps the organization when a request refreshes a token ahead of expiry', async () => {
    const core = new AuthKitCore(fake.options({ refreshBeforeExpirySeconds: 60 }));
    const cookie = await cookieFor(
      core,
      await fake.issueSession({ ttlSeconds: 30, organizationId: 'org_alpha' }),
    );
    const result = await core.authenticate(requestWithCookies(cookie));
    expect(result.refresh).toBe('led');
    expect(fake.refreshOrganizations).toEqual(['org_alpha']);
    expect(result.auth?.organizationId).toBe('org_alpha');
  });

  it('a session without an organization refreshes without one', async () => {
    const core = new AuthKitCore(fake.options());
    const refreshed = await core.refreshSession(await fake.issueSession());
    expect(fake.refreshOrganizations).toEqual([undefined]);
    expect(refreshed.auth?.organizationId).toBeUndefined();
  });

  it('switches to another organization of the user', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession({ organizationId: 'org_beta' }));
    const switched = await core.switchToOrganization(requestWithCookies(cookie), 'org_alpha');
    expect(switched.auth?.organizationId).toBe('org_alpha');
    expect(switched.setCookies[0]).toMatch(/^wos-session=Fe26\.2\*/);
  });
});

describe('sign-out during a refresh', () => {
  it('is not undone by the refresh that was in flight', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const hold = fake.holdRefreshes();
    const inFlight = core.authenticate(requestWithCookies(cookie));
    await fake.refreshCallsReached(1);
    const signOut = await core.signOut(requestWithCookies(cookie));
    expect(signOut.setCookies[0]).toMatch(/^wos-session=; .*Max-Age=0/);
    expect(signOut.redirectTo).toContain('session_id=session_');

    // WorkOS answers the refresh only after the sign-out.
    hold.release();
    const result = await inFlight;
    expect(result.auth).toBeNull();
    expect(result.setCookies.length).toBeGreaterThan(0);
    expect(result.setCookies.every((setCookie) => /Max-Age=0/.test(setCookie))).toBe(true);

    // The next request with the old cookie gets neither the refreshed session nor a new refresh.
    const next = await core.authenticate(requestWithCookies(cookie));
    expect(next.auth).toBeNull();
    expect(fake.calls.refresh).toBe(1);
  });

  it('removes the signed-out cookie from the verified-session cache at once', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession());
    expect((await core.authenticate(requestWithCookies(cookie))).auth).not.toBeNull();
    await core.signOut(requestWithCookies(cookie));
    expect((await core.authenticate(requestWithCookies(cookie))).auth).toBeNull();
  });
});

describe('sign-out and the verified-session cache', () => {
  it('a session signed out by its Session object is signed out for its cached cookie too', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession());
    const signedIn = await core.authenticate(requestWithCookies(cookie));
    expect(signedIn.auth).not.toBeNull();
    // The second read is a cache hit: the cookie is in the verified-session cache.
    const unsealsBefore = core.metrics().unseals;
    expect((await core.authenticate(requestWithCookies(cookie))).auth).not.toBeNull();
    expect(core.metrics().unseals).toBe(unsealsBefore);

    await core.signOut(signedIn.session);
    const after = await core.authenticate(requestWithCookies(cookie));
    expect(after.auth).toBeNull();
    expect(after.setCookies[0]).toMatch(/^wos-session=; .*Max-Age=0/);
  });

  it('a sign-out that carried the cookie from before a refresh also ends the refreshed cookie', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const refreshed = await core.authenticate(requestWithCookies(cookie));
    const refreshedCookie = cookieHeaderFrom(refreshed.setCookies);
    expect((await core.authenticate(requestWithCookies(refreshedCookie))).auth).not.toBeNull();

    // The sign-out request left the browser before the refreshed cookie arrived.
    await core.signOut(requestWithCookies(cookie));
    const after = await core.authenticate(requestWithCookies(refreshedCookie));
    expect(after.auth).toBeNull();
    expect(after.setCookies[0]).toMatch(/^wos-session=; .*Max-Age=0/);
  });
});

describe('upstream failures', () => {
  const transient: Array<[string, () => WorkOSRequestError]> = [
    ['network error', () => new WorkOSRequestError('network', {})],
    ['408', () => new WorkOSRequestError('timeout', { status: 408 })],
    [
      '429 past the deadline',
      () => new WorkOSRequestError('slow down', { status: 429, retryAfterSeconds: 120 }),
    ],
    ['500', () => new WorkOSRequestError('boom', { status: 500 })],
    ['502', () => new WorkOSRequestError('bad gateway', { status: 502 })],
    ['503', () => new WorkOSRequestError('unavailable', { status: 503 })],
    ['401 (our API key)', () => new WorkOSRequestError('unauthorized', { status: 401 })],
  ];
  it.each(transient)('%s keeps the cookie and reports upstream_unavailable', async (_, failure) => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession({ expired: true });
    const cookie = await cookieFor(core, session);
    fake.behaviour.fail = failure;
    const error = await core.authenticate(requestWithCookies(cookie)).catch((caught: unknown) => caught);
    expect(isAuthKitError(error) && error.code).toBe('upstream_unavailable');
    expect(isAuthKitError(error) && error.status).toBe(503);
    // The session survives: once WorkOS is back, the same cookie refreshes.
    fake.behaviour.fail = undefined;
    const recovered = await core.authenticate(requestWithCookies(cookie));
    expect(recovered.auth?.user.id).toBe(session.user.id);
  });

  it('invalid_grant signs out and clears the cookie', async () => {
    const core = new AuthKitCore(fake.options());
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    fake.behaviour.fail = () =>
      new WorkOSRequestError('invalid_grant', { status: 400, errorCode: 'invalid_grant' });
    const result = await core.authenticate(requestWithCookies(cookie));
    expect(result.auth).toBeNull();
    expect(result.setCookies[0]).toMatch(/^wos-session=; .*Max-Age=0/);
  });

  // Timers and the core's clock are fake here: the waits below are driven, not slept.
  const useFakeClock = () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    return () => Date.now();
  };

  it('honours Retry-After within refreshTimeoutSeconds', async () => {
    const now = useFakeClock();
    const core = new AuthKitCore(fake.options({ refreshTimeoutSeconds: 5, now }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    fake.behaviour.fail = () => new WorkOSRequestError('slow down', { status: 429, retryAfterSeconds: 1 });
    fake.behaviour.failTimes = 1;
    const result = track(core.authenticate(requestWithCookies(cookie)));
    await fake.refreshCallsReached(1);

    await vi.advanceTimersByTimeAsync(999);
    expect(fake.calls.refresh).toBe(1);
    expect(result.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result.promise).auth?.user.id).toBe('user_ada');
    expect(fake.calls.refresh).toBe(2);
  });

  it('never waits past refreshTimeoutSeconds when upstream answers 429 every time', async () => {
    const now = useFakeClock();
    const core = new AuthKitCore(fake.options({ refreshTimeoutSeconds: 2, now }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    fake.behaviour.fail = () => new WorkOSRequestError('slow down', { status: 429, retryAfterSeconds: 1 });
    const result = track(core.authenticate(requestWithCookies(cookie)).catch((caught: unknown) => caught));
    await fake.refreshCallsReached(1);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(result.settled()).toBe(true);
    const error = await result.promise;
    expect(isAuthKitError(error) && error.code).toBe('upstream_unavailable');
    expect(fake.calls.refresh).toBe(2);
  });

  it('bounds a hanging upstream by refreshTimeoutSeconds', async () => {
    const now = useFakeClock();
    const core = new AuthKitCore(fake.options({ refreshTimeoutSeconds: 1, now }));
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    const hold = fake.holdRefreshes();
    const result = track(core.authenticate(requestWithCookies(cookie)).catch((caught: unknown) => caught));
    await fake.refreshCallsReached(1);

    await vi.advanceTimersByTimeAsync(999);
    expect(result.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result.settled()).toBe(true);
    const error = await result.promise;
    expect(isAuthKitError(error) && error.code).toBe('upstream_unavailable');
    hold.release();
  });

  it('keeps serving a still-valid token when a refresh ahead of expiry fails', async () => {
    const core = new AuthKitCore(fake.options({ refreshBeforeExpirySeconds: 60 }));
    const session = await fake.issueSession({ ttlSeconds: 30 });
    const cookie = await cookieFor(core, session);
    fake.behaviour.fail = () => new WorkOSRequestError('down', { status: 500 });
    const result = await core.authenticate(requestWithCookies(cookie));
    expect(result.auth?.accessToken).toBe(session.accessToken);
    expect(result.setCookies).toEqual([]);
  });

  it('calls the refresh callbacks', async () => {
    const events: string[] = [];
    const core = new AuthKitCore(
      fake.options({
        onRefreshSuccess: ({ session }) => events.push(`ok:${session.user.id}`),
        onRefreshFailure: ({ error }) => events.push(`fail:${error.code}`),
      }),
    );
    const cookie = await cookieFor(core, await fake.issueSession({ expired: true }));
    await core.authenticate(requestWithCookies(cookie));
    fake.behaviour.fail = () =>
      new WorkOSRequestError('invalid_grant', { status: 400, errorCode: 'invalid_grant' });
    await core.refreshSession((await fake.issueSession()) as Session).catch(() => undefined);
    expect(events).toEqual(['ok:user_ada', 'fail:refresh_rejected']);
  });
});
