import { sessionEncryption } from '@workos/authkit-session';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthKitCore,
  type AuthKitLogger,
  type AuthKitOptions,
  refreshKey,
  type Session,
  WorkOSRequestError,
} from '../src/index.ts';
import {
  COOKIE_PASSWORD,
  cookieHeaderFrom,
  createFakeWorkOS,
  type FakeWorkOS,
  requestWithCookies,
} from './fake-workos.ts';

let fake: FakeWorkOS;
beforeEach(async () => {
  fake = await createFakeWorkOS();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});

/** Everything secret the test has seen: tokens, cookie values, codes, states, verifiers, keys. */
class Secrets {
  readonly values = new Set<string>([COOKIE_PASSWORD]);

  add(...values: Array<string | null | undefined>): void {
    for (const value of values) if (value && value.length >= 8) this.values.add(value);
  }

  session(session: Session | null | undefined): void {
    if (!session) return;
    this.add(session.accessToken, session.refreshToken);
  }

  /** The values of `Set-Cookie` headers or of a `Cookie` header. */
  cookies(cookies: readonly string[] | string): void {
    const pairs =
      typeof cookies === 'string' ? cookies.split('; ') : cookies.map((cookie) => cookie.split(';')[0]!);
    for (const pair of pairs) this.add(pair.slice(pair.indexOf('=') + 1));
  }

  async refreshKeys(): Promise<void> {
    for (const value of [...this.values]) {
      for (const organizationId of [undefined, 'org_alpha', 'org_beta']) {
        this.add(await refreshKey(value, organizationId));
      }
    }
  }
}

/** One user's whole life through core: sign-in, reads, refreshes (led, joined, replayed), switches, failures, sign-out. */
async function runWholeCycle(options: AuthKitOptions, secrets: Secrets): Promise<void> {
  const core = new AuthKitCore(options);
  secrets.add(options.apiKey);

  // Sign-in through the callback.
  const signIn = await core.getSignInUrl({ returnTo: '/account' });
  secrets.cookies(signIn.setCookies);
  const authorize = new URL(signIn.url);
  secrets.add(authorize.searchParams.get('state'), authorize.searchParams.get('code_challenge'));
  const pendingValue = signIn.setCookies[0]!.split(';')[0]!.split('=')[1]!;
  const pending = (await sessionEncryption.unsealData(pendingValue, { password: COOKIE_PASSWORD })) as Array<{
    codeVerifier: string;
  }>;
  secrets.add(...pending.map((entry) => entry.codeVerifier));
  const callbackUrl = new URL(await fake.authorize(signIn.url));
  secrets.add(callbackUrl.searchParams.get('code'));
  const callback = await core.handleCallback(
    requestWithCookies(cookieHeaderFrom(signIn.setCookies), callbackUrl.toString()),
  );
  secrets.session(callback.session);
  secrets.cookies(callback.setCookies);
  const signedInCookie = cookieHeaderFrom(callback.setCookies);
  await core.authenticate(requestWithCookies(signedInCookie));

  // A replayed code is refused.
  await core
    .handleCallback(requestWithCookies(cookieHeaderFrom(signIn.setCookies), callbackUrl.toString()))
    .catch(() => undefined);

  // An expired session: one refresh led, others joined, a late one replayed.
  const expired = await fake.issueSession({ expired: true, organizationId: 'org_beta' });
  secrets.session(expired);
  const expiredCookie = `wos-session=${await core.sealSession(expired)}`;
  secrets.cookies(expiredCookie);
  const concurrent = await Promise.all(
    Array.from({ length: 3 }, () => core.authenticate(requestWithCookies(expiredCookie))),
  );
  const late = await core.authenticate(requestWithCookies(expiredCookie));
  for (const result of [...concurrent, late]) {
    secrets.session(result.session);
    secrets.cookies(result.setCookies);
  }
  const refreshed = concurrent[0]!.session!;

  // refreshSession, an organization switch, and a refused one.
  const again = await core.refreshSession(refreshed);
  secrets.session(again.session);
  secrets.cookies(again.setCookies);
  const switched = await core.switchToOrganization(again.session!, 'org_alpha');
  secrets.session(switched.session);
  secrets.cookies(switched.setCookies);
  await core.switchToOrganization(switched.session!, 'org_elsewhere').catch(() => undefined);

  // Failures: WorkOS down, then the refresh token refused.
  const failing = await fake.issueSession({ expired: true });
  secrets.session(failing);
  const failingCookie = `wos-session=${await core.sealSession(failing)}`;
  secrets.cookies(failingCookie);
  fake.behaviour.fail = () => new WorkOSRequestError('down', { status: 503 });
  await core.authenticate(requestWithCookies(failingCookie)).catch(() => undefined);
  fake.behaviour.fail = () =>
    new WorkOSRequestError('invalid_grant', { status: 400, errorCode: 'invalid_grant' });
  await core.authenticate(requestWithCookies(failingCookie));
  fake.behaviour.fail = undefined;

  // Bad cookies: not a seal at all, and a seal around a token that is not a JWT.
  const garbage = 'wos-session=Fe26.2*garbage-that-is-no-seal*0123456789';
  secrets.cookies(garbage);
  await core.authenticate(requestWithCookies(garbage));
  const forged = { ...expired, accessToken: 'not-a-jwt-but-secret-anyway' };
  secrets.session(forged);
  const forgedCookie = `wos-session=${await core.sealSession(forged)}`;
  secrets.cookies(forgedCookie);
  await core.authenticate(requestWithCookies(forgedCookie));

  // A sign-out while a refresh of the session is in flight, and a plain sign-out.
  const racing = await fake.issueSession({ expired: true });
  secrets.session(racing);
  const racingCookie = `wos-session=${await core.sealSession(racing)}`;
  secrets.cookies(racingCookie);
  const hold = fake.holdRefreshes();
  const inFlight = core.authenticate(requestWithCookies(racingCookie));
  await fake.refreshCallsReached(fake.calls.refresh + 1);
  secrets.cookies((await core.signOut(requestWithCookies(racingCookie))).setCookies);
  hold.release();
  secrets.cookies((await inFlight).setCookies);
  await core.signOut(requestWithCookies(signedInCookie));

  await secrets.refreshKeys();
}

function expectNothingSecret(lines: string[], secrets: Secrets): void {
  for (const line of lines) {
    for (const secret of secrets.values) expect(line).not.toContain(secret);
    // Whatever the test did not see: no JWT, no sealed value, no refresh token of the fake.
    expect(line).not.toMatch(/eyJ[\w-]+\.|Fe26\.2\*|rt_\d+_/);
  }
}

describe('debug logging', () => {
  it('a debug function receives lines for refreshes and failures, and never a token, cookie, code or key', async () => {
    const lines: string[] = [];
    const debug: AuthKitLogger = (message, details) =>
      lines.push(`${message} ${JSON.stringify(details ?? {})}`);
    const secrets = new Secrets();
    await runWholeCycle(fake.options({ debug }), secrets);

    expect(lines.some((line) => /refreshed/.test(line))).toBe(true);
    expect(lines.some((line) => /refresh failed/.test(line))).toBe(true);
    expect(lines.some((line) => /unreadable/.test(line))).toBe(true);
    expect(lines.some((line) => /invalid/.test(line))).toBe(true);
    expectNothingSecret(lines, secrets);
  });

  it('debug: true prints its lines on console.debug, with nothing secret', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'debug').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
    const secrets = new Secrets();
    const core = new AuthKitCore(fake.options({ debug: true }));
    const expired = await fake.issueSession({ expired: true });
    secrets.session(expired);
    const cookie = `wos-session=${await core.sealSession(expired)}`;
    secrets.cookies(cookie);
    const refreshed = await core.authenticate(requestWithCookies(cookie));
    secrets.session(refreshed.session);
    secrets.cookies(refreshed.setCookies);
    await core.authenticate(requestWithCookies('wos-session=Fe26.2*not-a-seal'));
    await secrets.refreshKeys();

    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((line) => line.startsWith('[authkit-ssr] '))).toBe(true);
    expectNothingSecret(lines, secrets);
  });
});
