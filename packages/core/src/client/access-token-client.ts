/** An access token as the browser receives it from the app's server. */
export interface AccessToken {
  accessToken: string;
  /** When the token expires: a `Date`, epoch milliseconds, or an ISO string (as JSON carries it). */
  expiresAt: Date | number | string;
}

/** Options of {@link createAccessTokenClient}. */
export interface AccessTokenClientOptions {
  /**
   * Asks the app's server for the current access token (the server refreshes the session when it
   * is about to expire; the refresh token never leaves its cookie). `null` means signed out.
   * Rejects on failure: nothing is cached then.
   */
  fetchAccessToken: () => Promise<AccessToken | null>;
  /** Clock seam for tests, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** A cached token expiring sooner than this is fetched anew. Default 30. */
  refreshBeforeExpirySeconds?: number;
}

/** What {@link createAccessTokenClient} returns: one per tab. */
export interface AccessTokenClient {
  /**
   * A token valid for at least `refreshBeforeExpirySeconds` (the cached one, or a fresh one from
   * the server), or `null` when signed out. Concurrent calls share one request.
   * `forceRefresh` skips the cache (it still joins a request already in flight).
   */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
  /** Caches a token learnt another way (the server-rendered page, an organization switch); `null` clears. */
  setAccessToken(token: AccessToken | null): void;
  /** Forgets the cached token (after signing out or switching organization). */
  clear(): void;
}

const DEFAULT_REFRESH_BEFORE_EXPIRY_SECONDS = 30;

/**
 * Access tokens for calling APIs from the browser, framework-free: caches the token until it
 * nears expiry and keeps one request in flight per client, so the components of a tab never race
 * each other (and the server's refresh-token rotation) for a new token. No Node APIs.
 *
 * @example
 * ```ts
 * const tokens = createAccessTokenClient({
 *   fetchAccessToken: async () => {
 *     const response = await fetch('/api/auth/access-token');
 *     return response.status === 401 ? null : response.json();
 *   },
 * });
 * const token = await tokens.getAccessToken();
 * ```
 */
export function createAccessTokenClient(options: AccessTokenClientOptions): AccessTokenClient {
  const now = options.now ?? Date.now;
  const marginMs = (options.refreshBeforeExpirySeconds ?? DEFAULT_REFRESH_BEFORE_EXPIRY_SECONDS) * 1000;
  let cached: { token: string; expiresAtMs: number } | undefined;
  let inFlight: Promise<string | null> | undefined;
  let generation = 0;

  const store = (token: AccessToken | null) => {
    cached = token
      ? { token: token.accessToken, expiresAtMs: new Date(token.expiresAt).getTime() }
      : undefined;
  };

  // A request started before is about another session (signed out, switched organization): it may
  // still answer its own callers, but neither later callers nor the cache get its token.
  const forget = () => {
    generation++;
    inFlight = undefined;
    cached = undefined;
  };

  const load = async (): Promise<string | null> => {
    const started = generation;
    const token = await options.fetchAccessToken();
    if (started === generation) store(token);
    return token?.accessToken ?? null;
  };

  return {
    getAccessToken({ forceRefresh = false } = {}) {
      if (!forceRefresh && cached && cached.expiresAtMs - now() > marginMs)
        return Promise.resolve(cached.token);
      if (!inFlight) {
        const current = load().finally(() => {
          if (inFlight === current) inFlight = undefined;
        });
        inFlight = current;
      }
      return inFlight;
    },
    setAccessToken(token) {
      forget();
      store(token);
    },
    clear() {
      forget();
    },
  };
}

/** What an app's access-token route answers with 200 (`null` fields when there is no token). */
export interface AccessTokenRouteBody {
  accessToken: string | null;
  /** ISO date. */
  expiresAt?: string | null;
}

/**
 * GETs the app's access-token route (same origin, with cookies): its JSON body, or `null` when it
 * answers 401 (signed out). Use it as, or inside, {@link AccessTokenClientOptions.fetchAccessToken}.
 *
 * @throws {Error} when the route answers anything but 2xx or 401 (an outage answers 503).
 */
export async function fetchAccessTokenRoute<TBody extends AccessTokenRouteBody = AccessTokenRouteBody>(
  url: string,
  options: { fetch?: typeof fetch } = {},
): Promise<TBody | null> {
  const response = await (options.fetch ?? fetch)(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`Could not get an access token (HTTP ${response.status})`);
  return (await response.json()) as TBody;
}

/** The token of an access-token route's body, in the shape {@link createAccessTokenClient} caches. */
export function accessTokenOf(body: AccessTokenRouteBody | null): AccessToken | null {
  return body?.accessToken && body.expiresAt
    ? { accessToken: body.accessToken, expiresAt: body.expiresAt }
    : null;
}
