import { sessionEncryption } from '@workos/authkit-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKitCore,
  type AuthKitError,
  type CallbackResult,
  isAuthKitError,
  WorkOSRequestError,
} from '../src/index.ts';
import {
  COOKIE_PASSWORD,
  cookieHeaderFrom,
  createFakeWorkOS,
  type FakeWorkOS,
  requestWithCookies,
} from './fake-workos.ts';

const APP = 'http://localhost:3000';

let fake: FakeWorkOS;
let core: AuthKitCore;
beforeAll(async () => {
  fake = await createFakeWorkOS();
  core = new AuthKitCore(fake.options());
});
afterAll(async () => {
  await fake.close();
});

interface PendingEntry {
  state: string;
  codeVerifier: string;
  returnTo: string;
  redirectUri: string;
  expiresAt: number;
}

function signInCookie(setCookies: readonly string[]): string {
  const found = setCookies.find((cookie) => cookie.startsWith('wos-session-sign-in='));
  if (!found) throw new Error('no sign-in cookie was set');
  return found;
}

async function pendingEntries(setCookies: readonly string[]): Promise<PendingEntry[]> {
  const value = signInCookie(setCookies).split(';')[0]!.slice('wos-session-sign-in='.length);
  return (await sessionEncryption.unsealData(value, { password: COOKIE_PASSWORD })) as PendingEntry[];
}

async function startSignIn(
  options: Parameters<AuthKitCore['getSignInUrl']>[0] = {},
): Promise<{ url: string; setCookies: string[]; callbackUrl: string; cookie: string }> {
  const { url, setCookies } = await core.getSignInUrl(options);
  return { url, setCookies, callbackUrl: await fake.authorize(url), cookie: cookieHeaderFrom(setCookies) };
}

async function callbackError(
  request: Request,
  hooks: Parameters<AuthKitCore['handleCallback']>[1] = {},
  instance: AuthKitCore = core,
): Promise<AuthKitError> {
  const error = await instance.handleCallback(request, hooks).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAuthKitError(error)) throw new Error(`expected an AuthKitError, got ${String(error)}`);
  return error;
}

/** Codes, states, verifiers and tokens never appear in what an error shows. */
function expectNoSecrets(error: AuthKitError, secrets: readonly string[]): void {
  const shown = `${error.message} ${String(error)} ${JSON.stringify(error)}`;
  for (const secret of secrets) if (secret.length >= 8) expect(shown).not.toContain(secret);
}

async function secretsOf(started: { callbackUrl: string; setCookies: string[] }): Promise<string[]> {
  const callback = new URL(started.callbackUrl);
  const [entry] = await pendingEntries(started.setCookies);
  return [
    callback.searchParams.get('code') ?? '',
    callback.searchParams.get('state') ?? '',
    entry!.codeVerifier,
  ];
}

describe('getSignInUrl', () => {
  it('builds a WorkOS authorization URL with state, PKCE S256 and every hint (real SDK)', async () => {
    const sdkCore = new AuthKitCore({ ...fake.options(), workosApi: undefined });
    const { url } = await sdkCore.getSignInUrl({
      loginHint: 'ada@example.com',
      organizationId: 'org_alpha',
      screenHint: 'sign-in',
      prompt: 'login',
      maxAgeSeconds: 300,
      domainHint: 'example.com',
    });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://api.workos.com/user_management/authorize');
    const params = Object.fromEntries(parsed.searchParams);
    expect(params).toMatchObject({
      client_id: 'client_test',
      redirect_uri: `${APP}/callback`,
      response_type: 'code',
      provider: 'authkit',
      code_challenge_method: 'S256',
      login_hint: 'ada@example.com',
      organization_id: 'org_alpha',
      screen_hint: 'sign-in',
      prompt: 'login',
      max_age: '300',
      domain_hint: 'example.com',
    });
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const other = new URL((await sdkCore.getSignInUrl()).url).searchParams;
    expect(other.get('state')).not.toBe(params.state);
    expect(other.get('code_challenge')).not.toBe(params.code_challenge);
    for (const absent of ['login_hint', 'organization_id', 'prompt', 'max_age', 'domain_hint']) {
      expect(other.has(absent)).toBe(false);
    }
  });

  it('getSignUpUrl asks for the sign-up screen', async () => {
    const { url } = await core.getSignUpUrl({ loginHint: 'new@example.com' });
    const params = new URL(url).searchParams;
    expect(params.get('screen_hint')).toBe('sign-up');
    expect(params.get('login_hint')).toBe('new@example.com');
  });

  it('sets a sealed, HttpOnly, SameSite=Lax sign-in cookie that lives 600 s', async () => {
    const { url, setCookies } = await core.getSignInUrl();
    expect(setCookies).toHaveLength(1);
    const setCookie = signInCookie(setCookies);
    expect(setCookie).toMatch(/^wos-session-sign-in=Fe26\.2\*/);
    const attributes = setCookie.split('; ').slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=600']));
    expect(attributes).not.toContain('Secure');
    const state = new URL(url).searchParams.get('state')!;
    expect(setCookie).not.toContain(state);
    const [entry] = await pendingEntries(setCookies);
    expect(entry?.state).toBe(state);
    expect(setCookie).not.toContain(entry!.codeVerifier);

    const secure = new AuthKitCore(fake.options({ redirectUri: 'https://app.example/callback' }));
    expect(signInCookie((await secure.getSignInUrl()).setCookies)).toContain('; Secure');
  });

  it('uses a per-call redirectUri on the app origin and refuses one elsewhere', async () => {
    const { url } = await core.getSignInUrl({ redirectUri: `${APP}/auth/other-callback` });
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`${APP}/auth/other-callback`);
    await expect(core.getSignInUrl({ redirectUri: 'https://evil.example/callback' })).rejects.toMatchObject({
      code: 'redirect_not_allowed',
    });
  });

  it('bounds pending sign-ins: the oldest are refused, the newest work, the cookie stays small', async () => {
    const started: Array<{ url: string; cookieLength: number }> = [];
    let cookie = '';
    for (let index = 0; index < 10; index++) {
      const { url, setCookies } = await core.getSignInUrl({
        returnTo: `/page/${index}`,
        request: requestWithCookies(cookie),
      });
      cookie = cookieHeaderFrom(setCookies);
      started.push({ url, cookieLength: signInCookie(setCookies).length });
    }
    const entries = await pendingEntries([`${cookie}; Path=/`]);
    expect(entries).toHaveLength(core.options.signInMaxPending);
    expect(core.options.signInMaxPending).toBe(5);
    expect(started[9]!.cookieLength).toBeLessThan(2500);
    expect(started[9]!.cookieLength - started[4]!.cookieLength).toBeLessThan(50);

    for (const [index, { url }] of started.entries()) {
      const request = requestWithCookies(cookie, await fake.authorize(url));
      if (index < 5) {
        expect((await callbackError(request)).code).toBe('state_mismatch');
      } else {
        const result = await core.handleCallback(request);
        expect(result.redirectTo).toBe(`${APP}/page/${index}`);
      }
    }
  });
});

describe('returnTo', () => {
  it.each([
    ['/account?x=1', `${APP}/account?x=1`],
    ['/a/b?c=1#section', `${APP}/a/b?c=1#section`],
    [`${APP}/settings/profile?tab=2`, `${APP}/settings/profile?tab=2`],
    ['relative/path', `${APP}/relative/path`],
    ['http:same-scheme-relative', `${APP}/same-scheme-relative`],
    [undefined, `${APP}/`],
  ])('%s lands on %s', async (returnTo, expected) => {
    const started = await startSignIn(returnTo === undefined ? {} : { returnTo });
    const [entry] = await pendingEntries(started.setCookies);
    // No returnTo is stored as '' (the callback's default applies); any other is a same-origin path.
    expect(returnTo === undefined ? entry!.returnTo === '' : entry!.returnTo.startsWith('/')).toBe(true);
    expect(entry!.returnTo.startsWith('//')).toBe(false);
    const result = await core.handleCallback(requestWithCookies(started.cookie, started.callbackUrl));
    expect(result.redirectTo).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/ok\tpath',
    '/ok\nLocation: https://evil.example',
    'http://localhost:3000@evil.example/',
    'https:evil.example',
    'http://localhost:3001/',
    'https://localhost:3000/',
    '/.//evil.example',
    '/x/..//evil.example',
    `${APP}//evil.example`,
    `/${'a'.repeat(3000)}`,
  ])('refuses %j with redirect_not_allowed', async (returnTo) => {
    const error = await core.getSignInUrl({ returnTo }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isAuthKitError(error) && error.code).toBe('redirect_not_allowed');
    expect(isAuthKitError(error) && error.status).toBe(400);
  });
});

describe('handleCallback', () => {
  it('signs in: session cookie set, pending entry removed, hooks called, redirect on the app origin', async () => {
    const first = await startSignIn({ returnTo: '/dashboard' });
    const second = await core.getSignInUrl({ returnTo: '/other', request: requestWithCookies(first.cookie) });
    const cookie = cookieHeaderFrom(second.setCookies);

    const successes: CallbackResult[] = [];
    const errors: AuthKitError[] = [];
    const result = await core.handleCallback(requestWithCookies(cookie, first.callbackUrl), {
      onSuccess: (value) => {
        successes.push(value);
      },
      onError: (error) => {
        errors.push(error);
      },
    });
    expect(result.redirectTo).toBe(`${APP}/dashboard`);
    expect(result.auth.user.id).toBe('user_ada');
    expect(result.auth.sessionId).toMatch(/^session_/);
    expect(successes).toEqual([result]);
    expect(errors).toEqual([]);

    const sessionCookie = result.setCookies.find((value) => value.startsWith('wos-session='));
    expect(sessionCookie).toMatch(
      /^wos-session=Fe26\.2\*[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    const remaining = await pendingEntries(result.setCookies);
    expect(remaining.map((entry) => entry.returnTo)).toEqual(['/other']);

    // The new session reads back without an unseal: the callback already verified it.
    const jar = cookieHeaderFrom(result.setCookies);
    const before = core.metrics();
    const read = await core.authenticate(requestWithCookies(jar));
    expect(read.auth?.accessToken).toBe(result.auth.accessToken);
    expect(core.metrics().unseals).toBe(before.unseals);
    expect(core.metrics().sessionCacheHits).toBe(before.sessionCacheHits + 1);

    // The completed state is gone from the new cookie; the other one still completes.
    expect((await callbackError(requestWithCookies(jar, first.callbackUrl))).code).toBe('state_mismatch');
    const other = await core.handleCallback(requestWithCookies(jar, await fake.authorize(second.url)));
    expect(other.redirectTo).toBe(`${APP}/other`);
    expect(signInCookie(other.setCookies)).toMatch(/^wos-session-sign-in=; .*Max-Age=0/);
  });

  it('refuses a callback without state', async () => {
    const started = await startSignIn();
    const url = new URL(started.callbackUrl);
    url.searchParams.delete('state');
    const error = await callbackError(requestWithCookies(started.cookie, url.toString()));
    expect(error.code).toBe('state_mismatch');
    expectNoSecrets(error, await secretsOf(started));
  });

  it('refuses a callback with another state, without exchanging the code', async () => {
    const started = await startSignIn();
    const url = new URL(started.callbackUrl);
    url.searchParams.set('state', 'A'.repeat(43));
    const exchanges = fake.calls.code;
    const error = await callbackError(requestWithCookies(started.cookie, url.toString()));
    expect(error.code).toBe('state_mismatch');
    expect(fake.calls.code).toBe(exchanges);
    expectNoSecrets(error, await secretsOf(started));
  });

  it('refuses a callback without the sign-in cookie', async () => {
    const started = await startSignIn();
    const error = await callbackError(requestWithCookies('theme=dark', started.callbackUrl));
    expect(error.code).toBe('pkce_verifier_missing');
    expectNoSecrets(error, await secretsOf(started));
  });

  it('refuses a sign-in older than signInTtlSeconds', async () => {
    let offsetMs = 0;
    const clocked = new AuthKitCore(fake.options({ now: () => Date.now() + offsetMs }));
    const { url, setCookies } = await clocked.getSignInUrl();
    const callbackUrl = await fake.authorize(url);
    offsetMs = 601_000;
    const exchanges = fake.calls.code;
    const error = await callbackError(
      requestWithCookies(cookieHeaderFrom(setCookies), callbackUrl),
      {},
      clocked,
    );
    expect(['state_mismatch', 'pkce_verifier_missing']).toContain(error.code);
    expect(fake.calls.code).toBe(exchanges);
  });

  it('turns ?error=access_denied into callback_error and calls onError', async () => {
    const started = await startSignIn();
    const url = new URL(`${APP}/callback`);
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('error_description', 'The user cancelled the sign-in');
    url.searchParams.set('state', new URL(started.callbackUrl).searchParams.get('state')!);
    const seen: AuthKitError[] = [];
    const successes: unknown[] = [];
    const error = await callbackError(requestWithCookies(started.cookie, url.toString()), {
      onError: (caught) => {
        seen.push(caught);
      },
      onSuccess: (result) => {
        successes.push(result);
      },
    });
    expect(error.code).toBe('callback_error');
    expect(error.status).toBe(400);
    expect(error.isUserFacing).toBe(true);
    expect(error.message).toContain('access_denied');
    expect(error.message).toContain('The user cancelled the sign-in');
    expect(seen).toEqual([error]);
    expect(successes).toEqual([]);
    expectNoSecrets(error, await secretsOf(started));
  });

  it('refuses a callback without a code', async () => {
    const started = await startSignIn();
    const url = new URL(started.callbackUrl);
    url.searchParams.delete('code');
    expect((await callbackError(requestWithCookies(started.cookie, url.toString()))).code).toBe(
      'callback_error',
    );
  });

  it('refuses a reused code with code_exchange_failed', async () => {
    const started = await startSignIn();
    const request = () => requestWithCookies(started.cookie, started.callbackUrl);
    const first = await core.handleCallback(request());
    const error = await callbackError(request());
    expect(error.code).toBe('code_exchange_failed');
    expectNoSecrets(error, [
      ...(await secretsOf(started)),
      first.session.accessToken,
      first.session.refreshToken,
    ]);
  });

  it('refuses a code whose PKCE challenge does not match the verifier', async () => {
    const { url, setCookies } = await core.getSignInUrl();
    const tampered = new URL(url);
    tampered.searchParams.set('code_challenge', 'B'.repeat(43));
    const callbackUrl = await fake.authorize(tampered.toString());
    const onError: AuthKitError[] = [];
    const error = await callbackError(requestWithCookies(cookieHeaderFrom(setCookies), callbackUrl), {
      onError: (caught) => {
        onError.push(caught);
      },
    });
    expect(error.code).toBe('code_exchange_failed');
    expect(onError).toEqual([error]);
    expectNoSecrets(error, await secretsOf({ callbackUrl, setCookies }));
  });

  it('reports an unreachable WorkOS at code exchange as upstream_unavailable', async () => {
    const down = new AuthKitCore(
      fake.options({
        workosApi: {
          ...fake.api,
          authenticateWithCode: async () => {
            throw new WorkOSRequestError('WorkOS could not be reached', {});
          },
        },
      }),
    );
    const { url, setCookies } = await down.getSignInUrl();
    const error = await callbackError(
      requestWithCookies(cookieHeaderFrom(setCookies), await fake.authorize(url)),
      {},
      down,
    );
    expect(error.code).toBe('upstream_unavailable');
    expect(error.status).toBe(503);
  });
});

describe('signOut', () => {
  it('clears the session and its chunks and redirects to the WorkOS logout URL', async () => {
    const session = await fake.issueSession({
      user: { id: 'user_big', metadata: { notes: 'x'.repeat(6000) } },
    });
    const chunks = core.serializeSessionCookies(await core.sealSession(session));
    expect(chunks.length).toBeGreaterThan(1);
    const request = requestWithCookies(cookieHeaderFrom(chunks));
    expect((await core.authenticate(request)).auth?.user.id).toBe('user_big');

    const { redirectTo, setCookies } = await core.signOut(request, { returnTo: '/goodbye?see=you' });
    const logout = new URL(redirectTo);
    expect(`${logout.origin}${logout.pathname}`).toBe(
      'https://fake.workos.test/user_management/sessions/logout',
    );
    const sid = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()).sid;
    expect(logout.searchParams.get('session_id')).toBe(sid);
    expect(logout.searchParams.get('return_to')).toBe(`${APP}/goodbye?see=you`);

    const cleared = setCookies.map((cookie) => cookie.split('=')[0]).sort();
    expect(cleared).toEqual(['wos-session', ...chunks.map((cookie) => cookie.split('=')[0]!)].sort());
    expect(setCookies.every((cookie) => /Max-Age=0; Expires=Thu, 01 Jan 1970/.test(cookie))).toBe(true);
    expect(setCookies.every((cookie) => cookie.includes('Path=/') && cookie.includes('HttpOnly'))).toBe(true);
    // The old cookie no longer signs in on this process.
    expect((await core.authenticate(request)).auth).toBeNull();
  });

  it('uses the SDK logout URL with session_id and return_to by default', async () => {
    const sdkCore = new AuthKitCore({ ...fake.options(), workosApi: undefined });
    const session = await fake.issueSession();
    const request = requestWithCookies(`wos-session=${await sdkCore.sealSession(session)}`);
    const { redirectTo } = await sdkCore.signOut(request, { returnTo: '/bye' });
    const url = new URL(redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.workos.com/user_management/sessions/logout');
    expect(url.searchParams.get('session_id')).toMatch(/^session_/);
    expect(url.searchParams.get('return_to')).toBe(`${APP}/bye`);
  });

  it('without a session, redirects straight to returnTo', async () => {
    expect((await core.signOut(requestWithCookies('theme=dark'))).redirectTo).toBe(`${APP}/`);
    const result = await core.signOut(requestWithCookies(''), { returnTo: '/signed-out' });
    expect(result.redirectTo).toBe(`${APP}/signed-out`);
    expect(result.setCookies.every((cookie) => /Max-Age=0/.test(cookie))).toBe(true);
    expect((await core.signOut(null)).redirectTo).toBe(`${APP}/`);
  });

  it('sends a cross-origin returnTo only through WorkOS, whose dashboard allow-list checks it', async () => {
    const sdkCore = new AuthKitCore({ ...fake.options(), workosApi: undefined });
    const session = await fake.issueSession();
    const request = requestWithCookies(`wos-session=${await sdkCore.sealSession(session)}`);
    const { redirectTo } = await sdkCore.signOut(request, { returnTo: 'https://marketing.example/bye' });
    const url = new URL(redirectTo);
    expect(url.origin).toBe('https://api.workos.com');
    expect(url.searchParams.get('return_to')).toBe('https://marketing.example/bye');
    // Without a session there is no WorkOS hop: the app's home page, never an open redirect.
    const anonymous = await sdkCore.signOut(requestWithCookies(''), { returnTo: 'https://evil.example/' });
    expect(anonymous.redirectTo).toBe(`${APP}/`);
  });

  it.each(['//evil.example', '/.//evil.example', 'javascript:alert(1)'])(
    'refuses returnTo %s with redirect_not_allowed',
    async (returnTo) => {
      const session = await fake.issueSession();
      const request = requestWithCookies(`wos-session=${await core.sealSession(session)}`);
      await expect(core.signOut(request, { returnTo })).rejects.toMatchObject({
        code: 'redirect_not_allowed',
      });
    },
  );
});
