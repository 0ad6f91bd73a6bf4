'use client';

import { useCallback, useEffect, useState } from 'react';
import { useAuth } from './authkit-provider.js';
import { fetchAccessToken } from './fetch-access-token.js';

/** Refresh when the token expires within this many seconds. */
const MIN_VALIDITY_MS = 30_000;

/** What {@link useAccessToken} returns. */
export interface AccessTokenState {
  /** The token this tab holds now; `null` while loading or when signed out. */
  accessToken: string | null;
  loading: boolean;
  /** The last error, if any. */
  error: Error | null;
  /** A token valid for at least 30 more seconds, fetched (and refreshed by the server) when needed. */
  getAccessToken: () => Promise<string | null>;
}

/**
 * The access token for calling your APIs from the browser. It comes from the app's
 * `handleAccessToken()` route (the refresh token never leaves the HttpOnly cookie); fetches are
 * deduplicated per tab.
 */
export function useAccessToken(): AccessTokenState {
  const { auth, token, accessTokenPath, acceptToken } = useAuth();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const fresh = token.accessToken !== null && (token.expiresAt ?? 0) - Date.now() > MIN_VALIDITY_MS;

  const getAccessToken = useCallback(async () => {
    if (fresh) return token.accessToken;
    setLoading(true);
    try {
      const body = await fetchAccessToken(accessTokenPath);
      acceptToken(body);
      setError(null);
      return body.accessToken;
    } catch (cause) {
      const failure = cause instanceof Error ? cause : new Error(String(cause));
      setError(failure);
      throw failure;
    } finally {
      setLoading(false);
    }
  }, [fresh, token.accessToken, accessTokenPath, acceptToken]);

  useEffect(() => {
    if (auth && !fresh) getAccessToken().catch(() => {});
  }, [auth, fresh, getAccessToken]);

  return { accessToken: token.accessToken, loading, error, getAccessToken };
}
