'use client';

import { useCallback, useEffect, useState } from 'react';
import { useAuth } from './authkit-provider.js';

/** What {@link useAccessToken} returns. */
export interface UseAccessTokenReturn {
  /** The token this tab holds now; `undefined` while loading or when signed out. */
  accessToken: string | undefined;
  loading: boolean;
  /** The last error, if any. */
  error: Error | null;
  /** A fresh token from the server (it refreshes the session first). */
  refresh: () => Promise<string | undefined>;
  /** A token valid for at least 30 more seconds, fetched (and refreshed by the server) when needed. */
  getAccessToken: () => Promise<string | undefined>;
}

/**
 * The access token for calling your APIs from the browser. It comes from the access-token route
 * (the refresh token never leaves the HttpOnly cookie); fetches are shared by the whole tab.
 */
export function useAccessToken(): UseAccessTokenReturn {
  const { auth, token, accessTokens } = useAuth();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const fetchToken = useCallback(
    async (forceRefresh: boolean) => {
      setLoading(true);
      try {
        const accessToken = await accessTokens.getAccessToken({ forceRefresh });
        setError(null);
        return accessToken ?? undefined;
      } catch (cause) {
        const failure = cause instanceof Error ? cause : new Error(String(cause));
        setError(failure);
        throw failure;
      } finally {
        setLoading(false);
      }
    },
    [accessTokens],
  );
  const getAccessToken = useCallback(() => fetchToken(false), [fetchToken]);
  const refresh = useCallback(() => fetchToken(true), [fetchToken]);

  const hasToken = token !== null;
  useEffect(() => {
    if (auth && !hasToken) getAccessToken().catch(() => {});
  }, [auth, hasToken, getAccessToken]);

  return {
    accessToken: token?.accessToken,
    loading: loading || (auth !== null && !hasToken),
    error,
    refresh,
    getAccessToken,
  };
}
