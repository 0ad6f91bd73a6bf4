import { evaluateRecentAuth, type RecentAuth } from '@authkit-ssr/core/client';
import { useAccessToken } from './use-access-token.js';
import { useTokenClaims } from './use-token-claims.js';

/**
 * How recently the user signed in, for the UI (e.g. "confirm your password" hints). Enforce it on
 * the server with `checkRecentAuth`.
 */
export function useRecentAuth({
  maxAge,
}: {
  maxAge: number;
}): (RecentAuth & { loading: false }) | { loading: true; authenticatedAt: undefined; isStale: undefined } {
  const { loading } = useAccessToken();
  const { auth_time } = useTokenClaims();
  if (loading) return { loading: true, authenticatedAt: undefined, isStale: undefined };
  return { ...evaluateRecentAuth(auth_time, maxAge, Math.floor(Date.now() / 1000)), loading: false };
}
