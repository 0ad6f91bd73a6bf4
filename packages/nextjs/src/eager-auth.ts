import type { NextRequest } from 'next/server';

/** Cookie with the access token for the browser when `eagerAuth` is on (the name WorkOS's kit uses). */
export const EAGER_AUTH_COOKIE = 'workos-access-token';

const EAGER_AUTH_MAX_AGE_SECONDS = 60;

/** A document load (not an RSC request, prefetch or fetch): the only requests that get the eager token. */
export function isPageLoad(request: Pick<NextRequest, 'method' | 'headers'>): boolean {
  if (request.method !== 'GET' || request.headers.has('rsc') || request.headers.has('next-router-prefetch'))
    return false;
  const destination = request.headers.get('sec-fetch-dest');
  return destination
    ? destination === 'document'
    : (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * `eagerAuth`: on page loads, the access token in a short-lived cookie that scripts can read, so
 * `useAccessToken()` has it on first paint (or the cookie removed once signed out).
 */
export function writeEagerAuthCookie(
  request: NextRequest,
  headers: Headers,
  accessToken: string | undefined,
  cookieSecure: boolean,
): void {
  if (!isPageLoad(request) || (!accessToken && !request.cookies.has(EAGER_AUTH_COOKIE))) return;
  const secure = cookieSecure ? '; Secure' : '';
  const maxAge = accessToken ? EAGER_AUTH_MAX_AGE_SECONDS : 0;
  headers.append(
    'set-cookie',
    `${EAGER_AUTH_COOKIE}=${accessToken ?? ''}; Path=/; Max-Age=${maxAge}; SameSite=Strict${secure}`,
  );
  headers.set('cache-control', 'private, no-store');
  headers.set('vary', 'Cookie');
}
