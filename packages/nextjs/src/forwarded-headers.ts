/**
 * Request headers the proxy forwards to the rest of the same request. Incoming copies are removed
 * first, so a client cannot forge them; none of them grants access (withAuth verifies the cookie).
 */
export const FORWARDED_HEADERS = {
  /** `1` when authkitProxy ran for this request. */
  proxy: 'x-authkit-proxy',
  /** `led`, `joined` or `replayed` when the proxy refreshed the session. */
  refresh: 'x-authkit-refresh',
  /** The path and query of the page, for `withAuth({ ensureSignedIn })`'s `returnTo`. */
  returnTo: 'x-authkit-return-to',
} as const;

/** Cookie with the access token for the browser when `eagerAuth` is on (the name WorkOS's kit uses). */
export const EAGER_AUTH_COOKIE = 'workos-access-token';
