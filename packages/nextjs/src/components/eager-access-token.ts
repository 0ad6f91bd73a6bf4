import { type AccessToken, decodeTokenClaims } from '@authkit-ssr/core/client';
import { EAGER_AUTH_COOKIE } from '../eager-auth.js';

/** The token the proxy left for this page load (`eagerAuth`), read once and then removed. */
export function readEagerAccessToken(): AccessToken | null {
  if (typeof document === 'undefined') return null;
  const match = document.cookie.split('; ').find((pair) => pair.startsWith(`${EAGER_AUTH_COOKIE}=`));
  const accessToken = match?.slice(EAGER_AUTH_COOKIE.length + 1);
  if (!accessToken) return null;
  // biome-ignore lint/suspicious/noDocumentCookie: removing a cookie the proxy set for exactly this read
  document.cookie = `${EAGER_AUTH_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
  const expiresAt = expiryOf(accessToken);
  return expiresAt === null ? null : { accessToken, expiresAt };
}

function expiryOf(accessToken: string): number | null {
  const { exp } = decodeTokenClaims<{ exp: number }>(accessToken);
  return typeof exp === 'number' ? exp * 1000 : null;
}
