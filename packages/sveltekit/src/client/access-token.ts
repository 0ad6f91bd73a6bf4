import {
  type AccessTokenClient,
  accessTokenOf,
  createAccessTokenClient as createClient,
  fetchAccessTokenRoute,
} from '@authkit-ssr/core/client';

export type { AccessTokenClient };

/** Options of {@link createAccessTokenClient}. */
export interface AccessTokenClientOptions {
  /** The app route served by `handleAccessTokenRoute()`. Default `/api/auth/access-token`. */
  endpoint?: string;
  /** A token expiring sooner than this is fetched anew. Default 30 (keep it below the route's `minValiditySeconds`). */
  minValiditySeconds?: number;
  fetch?: typeof fetch;
}

/**
 * Access tokens for calling your APIs from the browser. The refresh token never leaves the
 * cookie: the server refreshes the session when needed. Concurrent calls in a tab share one
 * request, so a tab never races itself to rotate the refresh token.
 *
 * @example
 * ```ts
 * const tokens = createAccessTokenClient();
 * const response = await fetch('https://api.example.com/items', {
 *   headers: { Authorization: `Bearer ${await tokens.getAccessToken()}` },
 * });
 * ```
 * @throws {Error} from `getAccessToken` when the server answers other than 200 or 401.
 */
export function createAccessTokenClient(options: AccessTokenClientOptions = {}): AccessTokenClient {
  const endpoint = options.endpoint ?? '/api/auth/access-token';
  const fetchOptions = options.fetch ? { fetch: options.fetch } : {};
  return createClient({
    fetchAccessToken: async () => accessTokenOf(await fetchAccessTokenRoute(endpoint, fetchOptions)),
    refreshBeforeExpirySeconds: options.minValiditySeconds ?? 30,
  });
}

let defaultClient: AccessTokenClient | undefined;

/**
 * {@link AccessTokenClient.getAccessToken} of this tab's shared client (default options): one
 * request in flight per tab, whichever component asks.
 */
export function getAccessToken(options?: { forceRefresh?: boolean }): Promise<string | null> {
  defaultClient ??= createAccessTokenClient();
  return defaultClient.getAccessToken(options);
}
