/** What `checkRecentAuth` and `useRecentAuth` report. */
export interface RecentAuth {
  /** When the user last authenticated (the access token's `auth_time`), or `null` when unknown. */
  authenticatedAt: Date | null;
  /** True when unknown or more than `maxAge` seconds ago: ask for a fresh sign-in (`getSignInUrl({ maxAge })`). */
  isStale: boolean;
}

/** Fails closed: an unknown `auth_time` is stale; a future one (clock skew) is recent; `maxAge` itself is recent. */
export function evaluateRecentAuth(authTime: unknown, maxAgeSeconds: number, nowSeconds: number): RecentAuth {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime))
    return { authenticatedAt: null, isStale: true };
  return { authenticatedAt: new Date(authTime * 1000), isStale: nowSeconds - authTime > maxAgeSeconds };
}
