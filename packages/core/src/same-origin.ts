/**
 * Whether a request was sent by a page of the app itself, for routes that change state (sign-out).
 * Browsers send `Sec-Fetch-Site` on every request and `Origin` on every POST; a cross-site form or
 * `fetch` can set neither to our origin. A request that proves nothing (no `Sec-Fetch-Site`, no
 * `Origin`, or `Origin: null` from a sandboxed frame or a redirect chain) is refused.
 *
 * @param appOrigin the public origin of the app (`options.appOrigin`). The request URL's own origin
 * is accepted too: behind a proxy that keeps the `Host` header both are the same.
 */
export function isSameOriginRequest(
  request: { headers: Pick<Headers, 'get'>; url?: string | undefined },
  appOrigin: string,
): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin === null || origin === 'null') return false;
  if (origin === appOrigin) return true;
  return request.url !== undefined && origin === originOf(request.url);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
