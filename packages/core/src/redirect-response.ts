import { applySessionCacheHeaders } from './cache-headers.js';

/**
 * A redirect that an adapter can return as is: `Location`, the `Set-Cookie` values in order, and
 * `Cache-Control: private, no-store` with `Vary: Cookie` (a redirect that signs in or out must never be cached). Adapters that
 * write cookies through their framework pass no `setCookies`.
 *
 * @param status 302 by default; 303 after a POST (sign-out).
 */
export function redirectResponse(
  location: string,
  setCookies: readonly string[] = [],
  status = 302,
): Response {
  const headers = new Headers({ Location: location });
  applySessionCacheHeaders(headers);
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status, headers });
}
