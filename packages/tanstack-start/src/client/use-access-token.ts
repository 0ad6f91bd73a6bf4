import { useCallback, useState } from 'react';
import type { ClientAuth } from '../server-functions.js';
import { getAccessToken } from '../server-functions.js';
import { useAuth } from './authkit-provider.js';

/** Refresh when the token expires within this many seconds. */
const MIN_VALIDITY_SECONDS = 30;

// One refresh in flight per tab: every component (and every concurrent call) that needs a fresh
// token waits on the same server round trip instead of racing the rotation of the refresh token.
let inFlight: Promise<ClientAuth | null> | undefined;

/** Fetches a fresh auth from the server, sharing the request with concurrent callers in this tab. */
export function fetchFreshAuth(): Promise<ClientAuth | null> {
  if (!inFlight) {
    const current = getAccessToken({ data: { minValiditySeconds: MIN_VALIDITY_SECONDS } }).then(
      ({ auth }) => auth,
    );
    inFlight = current;
    current.then(
      () => {
        if (inFlight === current) inFlight = undefined;
      },
      () => {
        if (inFlight === current) inFlight = undefined;
      },
    );
  }
  return inFlight;
}

function isFresh(auth: ClientAuth | null): auth is ClientAuth {
  return !!auth && new Date(auth.accessTokenExpiresAt).getTime() - Date.now() > MIN_VALIDITY_SECONDS * 1000;
}

/** What {@link useAccessToken} returns. */
export interface AccessTokenState {
  /** The token this tab holds now (possibly close to expiry); `null` when signed out. */
  accessToken: string | null;
  /** A token valid for at least 30 more seconds, refreshing it first when needed. */
  getAccessToken: () => Promise<string | null>;
  /** The last refresh error, if any. */
  error: Error | null;
}

/**
 * The access token for calling your APIs from the browser. Refreshes go through the server (the
 * refresh token never leaves the cookie) and are deduplicated per tab.
 */
export function useAccessToken(): AccessTokenState {
  const { auth, setAuth } = useAuth();
  const [error, setError] = useState<Error | null>(null);
  const get = useCallback(async () => {
    if (isFresh(auth)) return auth.accessToken;
    try {
      const next = await fetchFreshAuth();
      setAuth(next);
      setError(null);
      return next?.accessToken ?? null;
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
      throw cause;
    }
  }, [auth, setAuth]);
  return { accessToken: auth?.accessToken ?? null, getAccessToken: get, error };
}
