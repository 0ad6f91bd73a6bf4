import { type AccessToken, createAccessTokenClient } from '@authkit-ssr/core/client';
import { refreshAccessTokenAction } from '../actions.js';
import { getAccessToken } from '../server-functions.js';
import { decodeTokenClaims } from './jwt.js';

/** Refresh when the token expires within this many seconds. */
const MIN_VALIDITY_SECONDS = 30;

export interface TokenSnapshot {
  token: string | undefined;
  loading: boolean;
  error: Error | null;
  /** The first request for this session's token has answered (with a token, none, or an error). */
  settled: boolean;
}

const SERVER_SNAPSHOT: TokenSnapshot = Object.freeze({
  token: undefined,
  loading: false,
  error: null,
  settled: false,
});

const toError = (cause: unknown) => (cause instanceof Error ? cause : new Error(String(cause)));

/**
 * This tab's access token: one request in flight at a time, cached until it nears expiry (core's
 * access-token client), observable by React. The token comes from a POST server function, never
 * from the server-rendered HTML.
 */
export function createTokenStore() {
  let snapshot: TokenSnapshot = { token: undefined, loading: false, error: null, settled: false };
  const listeners = new Set<() => void>();
  const set = (next: Partial<TokenSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  };
  const client = createAccessTokenClient({
    fetchAccessToken: async () => {
      const { accessToken, expiresAt } = await getAccessToken({
        data: { minValiditySeconds: MIN_VALIDITY_SECONDS },
      });
      return accessToken && expiresAt ? { accessToken, expiresAt } : null;
    },
    refreshBeforeExpirySeconds: MIN_VALIDITY_SECONDS,
  });

  async function track(load: () => Promise<string | null | undefined>): Promise<string | undefined> {
    set({ loading: snapshot.token === undefined });
    try {
      const token = (await load()) ?? undefined;
      set({ token, loading: false, error: null, settled: true });
      return token;
    } catch (cause) {
      set({ loading: false, error: toError(cause), settled: true });
      throw cause;
    }
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => SERVER_SNAPSHOT,
    getAccessToken: () => track(() => client.getAccessToken()),
    refresh: () =>
      track(async () => {
        const token = await refreshAccessTokenAction();
        const expiresAt = decodeTokenClaims(token).exp;
        client.setAccessToken(
          token && expiresAt ? ({ accessToken: token, expiresAt: expiresAt * 1000 } as AccessToken) : null,
        );
        return token;
      }),
    /** Another session now (signed out, switched organization): forget the token. */
    clear() {
      client.clear();
      set({ token: undefined, error: null, loading: false, settled: false });
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
