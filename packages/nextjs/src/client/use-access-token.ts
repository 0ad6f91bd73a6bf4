'use client';

import { useCallback, useEffect, useState } from 'react';
import { useAuth } from './authkit-provider.js';

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
  const { auth, token, accessTokens } = useAuth();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const getAccessToken = useCallback(async () => {
    setLoading(true);
    try {
      const accessToken = await accessTokens.getAccessToken();
      setError(null);
      return accessToken;
    } catch (cause) {
      const failure = cause instanceof Error ? cause : new Error(String(cause));
      setError(failure);
      throw failure;
    } finally {
      setLoading(false);
    }
  }, [accessTokens]);

  const hasToken = token !== null;
  useEffect(() => {
    if (auth && !hasToken) getAccessToken().catch(() => {});
  }, [auth, hasToken, getAccessToken]);

  return { accessToken: token?.accessToken ?? null, loading, error, getAccessToken };
}
