import { EAGER_AUTH_COOKIE } from '../forwarded-headers.js';
import type { AccessTokenBody } from '../route-handlers.js';

// One request in flight per route and tab: every component (and every concurrent call) that needs
// a fresh token waits on the same server round trip instead of racing the rotation of the session.
const inFlight = new Map<string, Promise<AccessTokenBody>>();

/** Fetches the access token from the app's `handleAccessToken()` route, shared with concurrent callers in this tab. */
export function fetchAccessToken(path: string): Promise<AccessTokenBody> {
  let current = inFlight.get(path);
  if (!current) {
    const request = fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(
      async (response) => {
        if (response.status === 401) return { accessToken: null, expiresAt: null, auth: null };
        if (!response.ok) throw new Error(`Could not get an access token (HTTP ${response.status})`);
        return (await response.json()) as AccessTokenBody;
      },
    );
    current = request.finally(() => {
      if (inFlight.get(path) === current) inFlight.delete(path);
    });
    inFlight.set(path, current);
  }
  return current;
}

/** The token the proxy left for this page load (`eagerAuth`), read once and then removed. */
export function readEagerAccessToken(): { accessToken: string | null; expiresAt: number | null } {
  if (typeof document === 'undefined') return { accessToken: null, expiresAt: null };
  const match = document.cookie.split('; ').find((pair) => pair.startsWith(`${EAGER_AUTH_COOKIE}=`));
  const accessToken = match?.slice(EAGER_AUTH_COOKIE.length + 1) || null;
  if (!accessToken) return { accessToken: null, expiresAt: null };
  // biome-ignore lint/suspicious/noDocumentCookie: removing a cookie the proxy set for exactly this read
  document.cookie = `${EAGER_AUTH_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
  return { accessToken, expiresAt: expiryOf(accessToken) };
}

function expiryOf(accessToken: string): number | null {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
