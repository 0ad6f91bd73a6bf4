import { AuthKitError, applySetCookiesToCookieHeader, authErrorResponse } from '@authkit-ssr/core';
import { type NextRequest, NextResponse } from 'next/server';

/**
 * Request headers the proxy forwards to the rest of the same request (the names WorkOS's kit uses).
 * Incoming copies are always removed first, so a client cannot forge them; none of them grants
 * access (withAuth verifies the session cookie itself).
 */
export const AUTHKIT_REQUEST_HEADERS = [
  'x-workos-middleware',
  'x-url',
  'x-redirect-uri',
  'x-sign-up-paths',
  'x-workos-refresh',
] as const;

export type AuthkitRequestHeader = (typeof AUTHKIT_REQUEST_HEADERS)[number];

/** Internal: `Set-Cookie` values that start the sign-in of `authorizationUrl`, only sent when redirecting there. */
export const SIGN_IN_COOKIE_HEADER = 'x-workos-sign-in-cookie';
/** Internal: the authorization URL those cookies belong to. */
export const AUTHORIZATION_URL_HEADER = 'x-workos-authorization-url';
/** Internal: WorkOS was unreachable; the value is the seconds to wait before retrying. */
export const UNAVAILABLE_HEADER = 'x-workos-unavailable';

const RESPONSE_HEADERS = [
  'set-cookie',
  'cache-control',
  'vary',
  'www-authenticate',
  'link',
  'x-middleware-cache',
];
const MULTI_VALUE_HEADERS = ['set-cookie', 'www-authenticate', 'link'];

/** Whether a header is one of ours (forwarded, or internal): never sent to the browser, never taken from it. */
export function isAuthkitRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (AUTHKIT_REQUEST_HEADERS as readonly string[]).includes(lower) || lower.startsWith('x-workos-');
}

/** What {@link partitionAuthkitHeaders} returns. */
export interface AuthkitHeadersResult {
  /** The request's headers for the rest of the request: ours set, the cookie header carrying any new session. */
  requestHeaders: Headers;
  /** The headers for the browser: `Set-Cookie`, `Cache-Control`, `Vary` and a few others, nothing internal. */
  responseHeaders: Headers;
}

function addHeader(headers: Headers, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (MULTI_VALUE_HEADERS.includes(lower)) headers.append(name, value);
  else if (lower === 'vary') {
    const values = new Set(
      [headers.get('vary'), value].flatMap((list) => list?.split(',') ?? []).map((item) => item.trim()),
    );
    values.delete('');
    headers.set('vary', [...values].join(', '));
  } else headers.set(name, value);
}

/**
 * Splits the headers of `authkit()` into the request headers for the rest of the request and the
 * response headers for the browser.
 */
export function partitionAuthkitHeaders(request: NextRequest, authkitHeaders: Headers): AuthkitHeadersResult {
  const requestHeaders = new Headers(request.headers);
  for (const name of [...requestHeaders.keys()])
    if (isAuthkitRequestHeader(name)) requestHeaders.delete(name);
  for (const name of AUTHKIT_REQUEST_HEADERS) {
    const value = authkitHeaders.get(name);
    if (value !== null) requestHeaders.set(name, value);
  }
  // Server components, route handlers and actions of this request read the cookie header: they must
  // see the refreshed session, not the one whose refresh token was just spent.
  const setCookies = authkitHeaders.getSetCookie();
  if (setCookies.length > 0) {
    const cookie = applySetCookiesToCookieHeader(request.headers.get('cookie'), setCookies);
    if (cookie) requestHeaders.set('cookie', cookie);
    else requestHeaders.delete('cookie');
  }
  const responseHeaders = new Headers();
  for (const [name, value] of authkitHeaders) {
    if (!isAuthkitRequestHeader(name) && RESPONSE_HEADERS.includes(name))
      addHeader(responseHeaders, name, value);
  }
  if (responseHeaders.has('set-cookie') && !responseHeaders.has('cache-control'))
    responseHeaders.set('cache-control', 'private, no-store');
  return { requestHeaders, responseHeaders };
}

/** Adds the response headers of {@link partitionAuthkitHeaders} to a response of your own (a rewrite, say). */
export function applyResponseHeaders<T extends Response>(response: T, responseHeaders: Headers): T {
  for (const [name, value] of responseHeaders) addHeader(response.headers, name, value);
  return response;
}

export type AuthkitRedirectStatus = 302 | 303 | 307 | 308;

/** Options of {@link handleAuthkitHeaders}. */
export interface HandleAuthkitHeadersOptions {
  /** Redirect there (absolute, or relative to the request) instead of continuing. Trusted values only. */
  redirect?: string | URL;
  /** Default 307 for GET and HEAD, 303 otherwise. */
  redirectStatus?: AuthkitRedirectStatus;
}

/**
 * The proxy's response from the headers of `authkit()`: continues the request with the session
 * forwarded (or redirects), with `Set-Cookie`, `Cache-Control` and `Vary` for the browser. The
 * sign-in cookie is only written when redirecting to `authorizationUrl`. While WorkOS is unreachable
 * it answers 503 with `Retry-After` and keeps the cookie.
 */
export function handleAuthkitHeaders(
  request: NextRequest,
  authkitHeaders: Headers,
  options: HandleAuthkitHeadersOptions = {},
): NextResponse {
  const unavailable = authkitHeaders.get(UNAVAILABLE_HEADER);
  if (unavailable !== null) {
    const error = new AuthKitError(
      'upstream_unavailable',
      'WorkOS could not be reached to check the session',
      {
        retryAfterSeconds: Number(unavailable) || 5,
      },
    );
    const response = authErrorResponse(error, request);
    return new NextResponse(response.body, { status: response.status, headers: response.headers });
  }
  const headers = new Headers(authkitHeaders);
  const target = options.redirect ? new URL(options.redirect, request.url) : undefined;
  const startsSignIn =
    target !== undefined && target.toString() === authkitHeaders.get(AUTHORIZATION_URL_HEADER);
  const signInCookie = authkitHeaders.get(SIGN_IN_COOKIE_HEADER);
  if (startsSignIn && signInCookie) headers.append('set-cookie', signInCookie);
  const { requestHeaders, responseHeaders } = partitionAuthkitHeaders(request, headers);
  if (target) {
    const status = options.redirectStatus ?? (['GET', 'HEAD'].includes(request.method) ? 307 : 303);
    const response = applyResponseHeaders(NextResponse.redirect(target, status), responseHeaders);
    response.headers.set('cache-control', 'no-store');
    return response;
  }
  return applyResponseHeaders(NextResponse.next({ request: { headers: requestHeaders } }), responseHeaders);
}

/** {@link handleAuthkitHeaders} under the name of WorkOS's kit 4.x. */
export const handleAuthkitProxy = handleAuthkitHeaders;
