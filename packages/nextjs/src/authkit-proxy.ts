import {
  type AuthenticateResult,
  applySetCookiesToCookieHeader,
  authErrorResponse,
  isAuthKitError,
} from '@authkit-ssr/core';
import { type NextRequest, NextResponse } from 'next/server';
import type { AppCore } from './app-core.js';
import { EAGER_AUTH_COOKIE, FORWARDED_HEADERS } from './forwarded-headers.js';
import { matchesPath, type PathPattern } from './path-pattern.js';

/** Options of `authkitProxy`. */
export interface AuthKitProxyOptions {
  /** Every path the proxy runs on needs a signed-in user, except `unauthenticatedPaths`. Default false. */
  ensureSignedIn?: boolean;
  /** Paths open to signed-out visitors when `ensureSignedIn` is on. The callback and sign-in routes always are. */
  unauthenticatedPaths?: PathPattern[];
  /** Paths that need a signed-in user even when `ensureSignedIn` is off. */
  protectedPaths?: PathPattern[];
  /** Paths that need a signed-in user and send signed-out visitors to the sign-up screen. */
  signUpPaths?: PathPattern[];
  /**
   * Also hand the access token to the browser on page loads, in a short-lived cookie that
   * JavaScript can read (`workos-access-token`, 60 s), so `useAccessToken()` has it on first paint.
   * Off by default: any script on the page can read that token while it lives.
   */
  eagerAuth?: boolean;
}

const EAGER_AUTH_MAX_AGE_SECONDS = 60;

/** The proxy for `proxy.ts` (Node) or `middleware.ts` (edge), bound to one app's core. */
export function createAuthKitProxy<TClaims extends object>(
  app: AppCore<TClaims>,
  options: AuthKitProxyOptions = {},
): (request: NextRequest) => Promise<Response> {
  const { unauthenticatedPaths = [], protectedPaths = [], signUpPaths = [] } = options;

  return async function proxy(request) {
    const core = app.core();
    const { pathname } = request.nextUrl;
    let result: AuthenticateResult<TClaims>;
    try {
      result = await core.authenticate(request);
    } catch (error) {
      // An outage keeps the cookie and answers 503: neither a sign-out nor a 500.
      if (isAuthKitError(error) && error.isTransient) return authErrorResponse(error, request);
      throw error;
    }
    const { auth, setCookies, refresh, cacheHeaders } = result;
    const returnTo = returnPathOf(request);

    const authRoutes = [new URL(core.options.redirectUri).pathname, app.signInPath];
    const signUp = matchesPath(pathname, signUpPaths);
    const needsUser =
      signUp ||
      matchesPath(pathname, protectedPaths) ||
      (options.ensureSignedIn === true && !matchesPath(pathname, [...unauthenticatedPaths, ...authRoutes]));
    if (!auth && needsUser) {
      const start = signUp ? core.getSignUpUrl.bind(core) : core.getSignInUrl.bind(core);
      const signIn = await start({ returnTo, request }).catch(() => start({ request }));
      const response = NextResponse.redirect(signIn.url);
      for (const cookie of [...setCookies, ...signIn.setCookies])
        response.headers.append('Set-Cookie', cookie);
      response.headers.set('Cache-Control', 'no-store');
      return response;
    }

    const forwarded = new Headers(request.headers);
    for (const name of Object.values(FORWARDED_HEADERS)) forwarded.delete(name);
    forwarded.set(FORWARDED_HEADERS.proxy, '1');
    forwarded.set(FORWARDED_HEADERS.returnTo, returnTo);
    if (refresh) forwarded.set(FORWARDED_HEADERS.refresh, refresh);
    // Server components, route handlers and actions of this request read this cookie header: they
    // must see the refreshed session, not the one whose refresh token was just spent.
    if (setCookies.length > 0) {
      const cookie = applySetCookiesToCookieHeader(request.headers.get('cookie'), setCookies);
      if (cookie) forwarded.set('cookie', cookie);
      else forwarded.delete('cookie');
    }
    const response = NextResponse.next({ request: { headers: forwarded } });
    for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
    for (const [name, value] of Object.entries(cacheHeaders)) response.headers.set(name, value);
    if (options.eagerAuth && isPageLoad(request) && (auth || request.cookies.has(EAGER_AUTH_COOKIE))) {
      writeEagerAuthCookie(response, auth?.accessToken, core.options.cookieSecure);
    }
    return response;
  };
}

/** The request's path and query, without Next.js's `_rsc` cache-busting parameter. */
function returnPathOf(request: NextRequest): string {
  const url = request.nextUrl.clone();
  url.searchParams.delete('_rsc');
  return `${url.pathname}${url.search}`;
}

function isPageLoad(request: NextRequest): boolean {
  if (request.method !== 'GET' || request.headers.has('rsc') || request.headers.has('next-router-prefetch'))
    return false;
  const destination = request.headers.get('sec-fetch-dest');
  return destination
    ? destination === 'document'
    : (request.headers.get('accept') ?? '').includes('text/html');
}

function writeEagerAuthCookie(
  response: NextResponse,
  accessToken: string | undefined,
  cookieSecure: boolean,
): void {
  const secure = cookieSecure ? '; Secure' : '';
  const maxAge = accessToken ? EAGER_AUTH_MAX_AGE_SECONDS : 0;
  response.headers.append(
    'Set-Cookie',
    `${EAGER_AUTH_COOKIE}=${accessToken ?? ''}; Path=/; Max-Age=${maxAge}; SameSite=Strict${secure}`,
  );
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('Vary', 'Cookie');
}
