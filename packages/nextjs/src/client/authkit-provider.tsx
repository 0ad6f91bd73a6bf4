'use client';

import {
  type AccessToken,
  type AccessTokenClient,
  accessTokenOf,
  createAccessTokenClient,
  fetchAccessTokenRoute,
} from '@authkit-ssr/core/client';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientAuth } from '../client-auth.js';
import type { AccessTokenBody } from '../route-handlers.js';
import { readEagerAccessToken } from './eager-access-token.js';

/** What {@link useAuth} returns. */
export interface AuthKitContextValue {
  /** The signed-in user's auth (without the access token), or `null` when signed out. */
  auth: ClientAuth | null;
  /** Asks the server for the current auth and access token (refreshing them when about to expire). */
  refreshAuth: () => Promise<ClientAuth | null>;
  /** @internal the token this tab holds, for `useAccessToken` */
  token: AccessToken | null;
  /** @internal this tab's access tokens: cached until near expiry, one request in flight */
  accessTokens: AccessTokenClient;
}

const AuthKitContext = createContext<AuthKitContextValue | null>(null);

/**
 * Makes the auth of the request that rendered the page available to client components. Render it
 * in the root layout with the result of `withAuth()`, stripped by `toClientAuth()`.
 *
 * @example
 * ```tsx
 * <AuthKitProvider auth={toClientAuth(await withAuth())}>{children}</AuthKitProvider>
 * ```
 */
export function AuthKitProvider({
  auth: initialAuth,
  accessTokenPath = '/api/auth/access-token',
  children,
}: {
  auth: ClientAuth | null;
  /** The route that serves `handleAccessToken()`. Default `/api/auth/access-token`. */
  accessTokenPath?: string;
  children: ReactNode;
}) {
  const [auth, setAuth] = useState(initialAuth);
  // With `eagerAuth`, the proxy left the token in a short-lived cookie: usable on first paint.
  const [token, setToken] = useState(readEagerAccessToken);
  const latestAuth = useRef(initialAuth);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the token state only seeds a new client; later tokens come from the client
  const accessTokens = useMemo(() => {
    const client = createAccessTokenClient({
      // The route refreshes the session when needed: the refresh token never leaves its cookie.
      fetchAccessToken: async () => {
        const body = await fetchAccessTokenRoute<AccessTokenBody>(accessTokenPath);
        const next = accessTokenOf(body);
        latestAuth.current = body?.auth ?? null;
        setAuth(latestAuth.current);
        setToken(next);
        return next;
      },
    });
    client.setAccessToken(token);
    return client;
  }, [accessTokenPath]);

  // A new auth from the server (an organization switch, a sign-in): the token held may be another
  // session's or organization's, so it is fetched anew when asked for.
  const rendered = useRef(initialAuth);
  useEffect(() => {
    if (rendered.current === initialAuth) return;
    rendered.current = initialAuth;
    latestAuth.current = initialAuth;
    setAuth(initialAuth);
    setToken(null);
    accessTokens.clear();
  }, [initialAuth, accessTokens]);

  const refreshAuth = useCallback(async () => {
    await accessTokens.getAccessToken({ forceRefresh: true });
    return latestAuth.current;
  }, [accessTokens]);
  const value = useMemo(
    () => ({ auth, refreshAuth, token, accessTokens }),
    [auth, refreshAuth, token, accessTokens],
  );
  return <AuthKitContext.Provider value={value}>{children}</AuthKitContext.Provider>;
}

/**
 * The auth known to this tab.
 * @throws {Error} outside an {@link AuthKitProvider}.
 */
export function useAuth(): AuthKitContextValue {
  const value = useContext(AuthKitContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthKitProvider>');
  return value;
}
