/**
 * Headers of every response that depends on the session: rendered for a signed-in user, or one
 * that sets, refreshes or clears a session or sign-in cookie. `private, no-store` keeps CDNs and
 * shared caches from handing one user's page to another; `Vary: Cookie` covers caches that ignore
 * `private`.
 */
export const SESSION_CACHE_HEADERS: Readonly<{ 'Cache-Control': string; Vary: string }> = Object.freeze({
  'Cache-Control': 'private, no-store',
  Vary: 'Cookie',
});

/** Puts {@link SESSION_CACHE_HEADERS} on `headers`, keeping the `Vary` values already there. */
export function applySessionCacheHeaders(headers: Headers): void {
  headers.set('Cache-Control', SESSION_CACHE_HEADERS['Cache-Control']);
  const vary = headers.get('vary');
  if (vary === null || vary.trim() === '') headers.set('Vary', 'Cookie');
  else if (!vary.split(',').some((value) => ['cookie', '*'].includes(value.trim().toLowerCase())))
    headers.set('Vary', `${vary}, Cookie`);
}
