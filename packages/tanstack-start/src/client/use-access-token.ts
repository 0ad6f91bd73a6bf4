import { useCallback, useState } from 'react';
import { useAuth } from './authkit-provider.js';

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
  const { auth, accessTokens } = useAuth();
  const [error, setError] = useState<Error | null>(null);
  const getAccessToken = useCallback(async () => {
    try {
      const token = await accessTokens.getAccessToken();
      setError(null);
      return token;
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
      throw cause;
    }
  }, [accessTokens]);
  return { accessToken: auth?.accessToken ?? null, getAccessToken, error };
}
