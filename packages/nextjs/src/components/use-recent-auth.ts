'use client';

import { evaluateRecentAuth, type RecentAuth } from '@authkit-ssr/core/client';
import { useAccessToken } from './use-access-token.js';
import { useTokenClaims } from './use-token-claims.js';

/**
 * How recently the user authenticated, from the token's `auth_time`: for display only. Enforce it on
 * the server with `checkRecentAuth`.
 */
export function useRecentAuth({
  maxAge,
}: {
  maxAge: number;
}): (RecentAuth & { loading: false }) | { loading: true; authenticatedAt: undefined; isStale: undefined } {
  const { loading } = useAccessToken();
  const { auth_time: authTime } = useTokenClaims<{ auth_time: number }>();
  if (loading) return { loading: true, authenticatedAt: undefined, isStale: undefined };
  return { ...evaluateRecentAuth(authTime, maxAge, Math.floor(Date.now() / 1000)), loading: false };
}
