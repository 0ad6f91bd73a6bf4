/** Options of {@link createAccessTokenClient}. */
export interface AccessTokenClientOptions {
  /** The app route served by `handleAccessTokenRoute()`. Default `/api/auth/access-token`. */
  endpoint?: string;
  /** A token expiring sooner than this is fetched anew. Default 30 (keep it below the route's `minValiditySeconds`). */
  minValiditySeconds?: number;
  fetch?: typeof fetch;
}

/** What {@link createAccessTokenClient} returns. */
export interface AccessTokenClient {
  /** A token valid for at least `minValiditySeconds`, or `null` when signed out. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
  /** Forgets the cached token (after signing out or switching organization). */
  clear(): void;
}

interface AccessTokenResponse {
  accessToken: string | null;
  expiresAt?: string;
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
  const minValidityMs = (options.minValiditySeconds ?? 30) * 1000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string | null> | undefined;

  const load = async (): Promise<string | null> => {
    const response = await (options.fetch ?? fetch)(endpoint, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (response.status === 401) {
      cached = undefined;
      return null;
    }
    if (!response.ok) throw new Error(`Could not get an access token (${response.status})`);
    const body = (await response.json()) as AccessTokenResponse;
    if (!body.accessToken || !body.expiresAt) return null;
    cached = { token: body.accessToken, expiresAt: Date.parse(body.expiresAt) };
    return body.accessToken;
  };

  return {
    getAccessToken({ forceRefresh = false } = {}) {
      if (!forceRefresh && cached && cached.expiresAt - Date.now() > minValidityMs) {
        return Promise.resolve(cached.token);
      }
      if (!inFlight) {
        const current = load().finally(() => {
          if (inFlight === current) inFlight = undefined;
        });
        inFlight = current;
      }
      return inFlight;
    },
    clear() {
      cached = undefined;
    },
  };
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
