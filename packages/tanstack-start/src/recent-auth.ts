/** How recent the user's last sign-in is, from the access token's `auth_time` claim. */
export type RecentAuth =
  | { authenticatedAt: Date; isStale: boolean }
  /** No usable `auth_time` (or nobody signed in): stale, so sensitive actions ask again. */
  | { authenticatedAt: null; isStale: true };

/** Whether a sign-in at `authTime` (epoch seconds) is older than `maxAgeSeconds` at `nowSeconds`. */
export function evaluateRecentAuth(authTime: unknown, maxAgeSeconds: number, nowSeconds: number): RecentAuth {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime))
    return { authenticatedAt: null, isStale: true };
  return { authenticatedAt: new Date(authTime * 1000), isStale: nowSeconds - authTime > maxAgeSeconds };
}
