import { useEffect, useSyncExternalStore } from 'react';
import { useTokenStore } from './authkit-provider.js';
import type { UseAccessTokenReturn } from './types.js';

/**
 * The access token for calling your APIs from the browser. Loaded on mount and checked again when
 * the tab wakes up; refreshes go through the server (the refresh token never leaves the cookie)
 * and one is in flight per tab at a time.
 */
export function useAccessToken(): UseAccessTokenReturn {
  const { tokens, user, sessionId } = useTokenStore();
  const snapshot = useSyncExternalStore(tokens.subscribe, tokens.getSnapshot, tokens.getServerSnapshot);
  const signedIn = user !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new session (sessionId) needs its own token
  useEffect(() => {
    if (!signedIn) return;
    const load = () => void tokens.getAccessToken().catch(() => {});
    load();
    const wake = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('focus', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('focus', wake);
      window.removeEventListener('online', wake);
    };
  }, [tokens, signedIn, sessionId]);

  return {
    accessToken: signedIn ? snapshot.token : undefined,
    loading: signedIn && (snapshot.loading || !snapshot.settled),
    error: snapshot.error,
    refresh: async () => (signedIn ? tokens.refresh() : undefined),
    getAccessToken: async () => (signedIn ? tokens.getAccessToken() : undefined),
  };
}
