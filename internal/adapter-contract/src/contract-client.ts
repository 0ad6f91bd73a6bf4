import { expect } from 'vitest';
import type { ContractEnvironment, ContractPaths } from './contract-environment.ts';
import { CookieJar } from './cookie-jar.ts';

const isRedirect = (status: number) => status >= 300 && status < 400;

/** One browser round trip through sign-in, as {@link ContractClient.signIn} made it. */
export interface SignInRoundTrip {
  /** The cookies the browser holds afterwards. */
  jar: CookieJar;
  /** The sign-in route's answer (a redirect to AuthKit). */
  start: Response;
  authorizeUrl: URL;
  callbackUrl: URL;
  /** The callback's answer (a redirect to `returnTo`). */
  callback: Response;
}

/** HTTP as a browser would speak it to a running example app: cookies from a jar, no redirects followed. */
export interface ContractClient {
  url(path: string): string;
  /**
   * Requests `path` on the app with the jar's cookies. Non-GET requests without an `Origin` get the
   * same-origin `Origin` and `Sec-Fetch-Site` of a browser form post. Fails the test on a 5xx,
   * showing the app's output.
   */
  request(path: string, jar?: CookieJar, init?: RequestInit): Promise<Response>;
  /**
   * Signs in through the sign-in route and the emulator's authorize (auto sign-in on). With
   * `expired`, the emulator's clock runs an hour behind during the sign-in, so the session's access
   * token has already expired when this resolves (its refresh token is good): no waiting.
   */
  signIn(options?: { returnTo?: string; loginHint?: string; expired?: boolean }): Promise<SignInRoundTrip>;
}

/** A {@link ContractClient} for the environment `env()` returns (set in `beforeAll`). */
export function createContractClient(
  env: () => ContractEnvironment,
  paths: Pick<ContractPaths, 'signIn' | 'protectedPage' | 'signInReturnParam'>,
): ContractClient {
  const url = (path: string) => new URL(path, env().app.url).toString();

  async function request(path: string, jar?: CookieJar, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = jar?.header();
    if (cookie) headers.set('cookie', cookie);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) {
      // What a browser sends with a same-origin form post; the frameworks' CSRF checks want it.
      headers.set('origin', env().app.url);
      headers.set('sec-fetch-site', 'same-origin');
    }
    const response = await fetch(url(path), { redirect: 'manual', ...init, headers });
    expect(
      response.status,
      `${init.method ?? 'GET'} ${path} answered 5xx:\n${env().app.output().slice(-2000)}`,
    ).toBeLessThan(500);
    return response;
  }

  async function signIn(options: { returnTo?: string; loginHint?: string; expired?: boolean } = {}) {
    const { emulator } = env();
    const clockOffsetSeconds = emulator.configure({}).clockOffsetSeconds;
    if (options.expired) emulator.configure({ clockOffsetSeconds: clockOffsetSeconds - 3600 });
    try {
      return await signInRoundTrip(options);
    } finally {
      emulator.configure({ clockOffsetSeconds });
    }
  }

  async function signInRoundTrip(options: {
    returnTo?: string;
    loginHint?: string;
  }): Promise<SignInRoundTrip> {
    const jar = new CookieJar();
    const returnTo = options.returnTo ?? paths.protectedPage;
    const start = await request(signInPath(paths, returnTo), jar);
    expect(isRedirect(start.status)).toBe(true);
    jar.apply(start);
    const authorizeUrl = new URL(start.headers.get('location') ?? '');
    if (options.loginHint) authorizeUrl.searchParams.set('login_hint', options.loginHint);
    const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(isRedirect(authorize.status)).toBe(true);
    const callbackUrl = new URL(authorize.headers.get('location') ?? '');
    const callback = await request(`${callbackUrl.pathname}${callbackUrl.search}`, jar);
    expect(isRedirect(callback.status)).toBe(true);
    jar.apply(callback);
    return { jar, start, authorizeUrl, callbackUrl, callback };
  }

  return { url, request, signIn };
}

/** The sign-in route's URL path for `returnTo`, with the target's return-path parameter. */
export function signInPath(
  paths: Pick<ContractPaths, 'signIn' | 'signInReturnParam'>,
  returnTo: string,
): string {
  return `${paths.signIn}?${paths.signInReturnParam ?? 'returnTo'}=${encodeURIComponent(returnTo)}`;
}
