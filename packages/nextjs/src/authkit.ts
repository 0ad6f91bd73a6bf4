import {
  type AuthenticateResult,
  AuthKitError,
  isAuthKitError,
  parseCookieHeader,
  type RefreshRole,
} from '@authkit-ssr/core';
import type { User } from '@workos-inc/node';
import type { NextRequest } from 'next/server';
import type { AppCore } from './app-core.js';
import { AUTHORIZATION_URL_HEADER, SIGN_IN_COOKIE_HEADER, UNAVAILABLE_HEADER } from './authkit-headers.js';
import { writeEagerAuthCookie } from './eager-auth.js';
import { type NoUserInfo, toUserInfo, type UserInfo } from './user-info.js';

/** Options of `authkit(request, options)`, the composable proxy. */
export interface AuthkitOptions {
  /** Logs what the proxy decided (never a token or cookie). Default false. */
  debug?: boolean;
  /** The callback URL for sign-ins started here (same origin as the app). Default `WORKOS_REDIRECT_URI`. */
  redirectUri?: string;
  /** The screen `authorizationUrl` opens. Default `sign-in`. */
  screenHint?: 'sign-up' | 'sign-in';
  /** See `authkitProxy`'s `eagerAuth`. Default false. */
  eagerAuth?: boolean;
  /** Refresh when the access token expires within this many seconds. Default core's `refreshBeforeExpirySeconds` (10). */
  refreshBufferSeconds?: number;
  /** Called after the session of this request was refreshed (by this request or a concurrent one). */
  onSessionRefreshSuccess?: (data: {
    accessToken: string;
    user: User;
    impersonator?: UserInfo['impersonator'];
    organizationId?: string;
  }) => void | Promise<void>;
  /**
   * Called when the session could not be refreshed: `isTransient` (WorkOS unreachable; the cookie is
   * kept and the request answered 503) or not (the session is over; the cookie is cleared).
   */
  onSessionRefreshError?: (params: {
    error: unknown;
    request: NextRequest;
    isTransient: boolean;
  }) => void | Promise<void>;
}

/** What `authkit()` returns. */
export interface AuthkitResponse<TClaims extends object = Record<string, unknown>> {
  session: UserInfo<TClaims> | NoUserInfo;
  /** Hand them to `handleAuthkitHeaders(request, headers, …)` (or `partitionAuthkitHeaders`). */
  headers: Headers;
  /** Where to send a signed-out visitor to sign in (with `handleAuthkitHeaders`' `redirect`, which also sets its cookie). */
  authorizationUrl?: string;
  /** How this request's session was refreshed, if it was. */
  refresh?: RefreshRole;
}

const log = (debug: boolean | undefined, message: string) => {
  if (debug) console.log(`[authkit-ssr] ${message}`);
};

function hasSessionCookie(request: NextRequest, cookieName: string): boolean {
  const names = [...parseCookieHeader(request.headers.get('cookie')).keys()];
  return names.some((name) => name === cookieName || name.startsWith(`${cookieName}.`));
}

/** The request's path and query, without Next.js's `_rsc` cache-busting parameter. */
export function returnPathOf(url: URL): string {
  const copy = new URL(url);
  copy.searchParams.delete('_rsc');
  return `${copy.pathname}${copy.search}`;
}

/**
 * Authenticates the request once (refreshing when needed, through the refresh coordinator) and
 * returns the session and the headers that carry it. `prepareSignIn` also prepares a sign-in for a
 * signed-out visitor.
 */
export async function authenticateRequest<TClaims extends object>(
  app: AppCore<TClaims>,
  request: NextRequest,
  options: AuthkitOptions,
  prepareSignIn: boolean,
): Promise<AuthkitResponse<TClaims>> {
  const core = app.core(options.refreshBufferSeconds);
  const headers = new Headers({ 'x-workos-middleware': '1', 'x-url': request.url });
  if (options.redirectUri) headers.set('x-redirect-uri', options.redirectUri);
  let result: AuthenticateResult<TClaims>;
  try {
    result = await core.authenticate(request);
  } catch (error) {
    if (!isAuthKitError(error) || !error.isTransient) throw error;
    // An outage keeps the cookie and answers 503: neither a sign-out nor a 500.
    log(options.debug, `WorkOS unreachable (${error.code}); answering 503 and keeping the session cookie`);
    await options.onSessionRefreshError?.({ error, request, isTransient: true });
    headers.set(UNAVAILABLE_HEADER, String(error.retryAfterSeconds ?? 5));
    return { session: toUserInfo<TClaims>(null), headers };
  }
  const { auth, setCookies, refresh } = result;
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  if (auth || setCookies.length > 0) {
    headers.set('cache-control', 'private, no-store');
    headers.set('vary', 'Cookie');
  }
  if (refresh && auth) {
    headers.set('x-workos-refresh', refresh);
    log(options.debug, `session refreshed (${refresh})`);
    await options.onSessionRefreshSuccess?.({
      accessToken: auth.accessToken,
      user: auth.user,
      impersonator: auth.impersonator,
      organizationId: auth.organizationId,
    });
  } else if (!auth && setCookies.length > 0 && hasSessionCookie(request, core.options.cookieName)) {
    log(options.debug, 'session cookie could not be used (refresh refused or unreadable); cleared');
    const error = new AuthKitError('refresh_rejected', 'The session could not be refreshed');
    await options.onSessionRefreshError?.({ error, request, isTransient: false });
  }
  if (options.eagerAuth) writeEagerAuthCookie(request, headers, auth?.accessToken, core.options.cookieSecure);
  const response: AuthkitResponse<TClaims> = {
    session: toUserInfo(auth),
    headers,
    ...(refresh ? { refresh } : {}),
  };
  if (!auth && prepareSignIn) {
    const start = (returnTo?: string) =>
      core.getSignInUrl({
        returnTo,
        screenHint: options.screenHint,
        redirectUri: options.redirectUri,
        request,
      });
    const signIn = await start(returnPathOf(request.nextUrl)).catch(() => start());
    headers.set(AUTHORIZATION_URL_HEADER, signIn.url);
    if (signIn.setCookies[0]) headers.set(SIGN_IN_COOKIE_HEADER, signIn.setCookies[0]);
    response.authorizationUrl = signIn.url;
  }
  return response;
}
