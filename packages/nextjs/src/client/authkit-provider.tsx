'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ClientAuth } from '../client-auth.js';
import type { AccessTokenBody } from '../route-handlers.js';
import { fetchAccessToken, readEagerAccessToken } from './fetch-access-token.js';

/** What {@link useAuth} returns. */
export interface AuthKitContextValue {
  /** The signed-in user's auth (without the access token), or `null` when signed out. */
  auth: ClientAuth | null;
  /** Asks the server for the current auth and access token (refreshing them when about to expire). */
  refreshAuth: () => Promise<ClientAuth | null>;
  /** @internal used by `useAccessToken` */
  token: { accessToken: string | null; expiresAt: number | null };
  /** @internal */
  accessTokenPath: string;
  /** @internal */
  acceptToken: (body: AccessTokenBody) => void;
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
  const [token, setToken] = useState(() => readEagerAccessToken());
  useEffect(() => setAuth(initialAuth), [initialAuth]);
  const acceptToken = useCallback((body: AccessTokenBody) => {
    setAuth(body.auth);
    setToken({
      accessToken: body.accessToken,
      expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null,
    });
  }, []);
  const refreshAuth = useCallback(async () => {
    const body = await fetchAccessToken(accessTokenPath);
    acceptToken(body);
    return body.auth;
  }, [accessTokenPath, acceptToken]);
  const value = useMemo(
    () => ({ auth, refreshAuth, token, accessTokenPath, acceptToken }),
    [auth, refreshAuth, token, accessTokenPath, acceptToken],
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
