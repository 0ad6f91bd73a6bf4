import { type AccessToken, type AccessTokenClient, createAccessTokenClient } from '@authkit-ssr/core/client';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientAuth } from '../server-functions.js';
import { getAccessToken, getAuth, switchToOrganization } from '../server-functions.js';

/** What {@link useAuth} returns. */
export interface AuthKitContextValue {
  /** The signed-in user's auth, or `null` when signed out. */
  auth: ClientAuth | null;
  /** Replaces the auth this tab knows (after a refresh or an organization switch). */
  setAuth: (auth: ClientAuth | null) => void;
  /** Asks the server for the current auth (refreshing the session if it is about to expire). */
  refreshAuth: () => Promise<ClientAuth | null>;
  /** Switches the session to another organization and updates this tab's auth. */
  switchToOrganization: (organizationId: string) => Promise<ClientAuth | null>;
  /** This tab's access tokens: cached until near expiry, one refresh in flight (see `useAccessToken`). */
  accessTokens: AccessTokenClient;
}

/** Refresh when the token expires within this many seconds. */
const MIN_VALIDITY_SECONDS = 30;

const AuthKitContext = createContext<AuthKitContextValue | null>(null);

const tokenOf = (auth: ClientAuth | null): AccessToken | null =>
  auth && { accessToken: auth.accessToken, expiresAt: auth.accessTokenExpiresAt };

/**
 * Makes the auth of the request that rendered the page available to components. Give it the auth
 * your root route loaded with `getAuth()`.
 *
 * @example
 * ```tsx
 * <AuthKitProvider auth={Route.useLoaderData().auth}>{children}</AuthKitProvider>
 * ```
 */
export function AuthKitProvider({
  auth: initialAuth,
  children,
}: {
  auth: ClientAuth | null;
  children: ReactNode;
}) {
  const [auth, setAuthState] = useState(initialAuth);
  const [accessTokens] = useState(() => {
    const client = createAccessTokenClient({
      // The refresh goes through the server: the refresh token never leaves the cookie.
      fetchAccessToken: async () => {
        const { auth: next } = await getAccessToken({ data: { minValiditySeconds: MIN_VALIDITY_SECONDS } });
        setAuthState(next);
        return tokenOf(next);
      },
      refreshBeforeExpirySeconds: MIN_VALIDITY_SECONDS,
    });
    client.setAccessToken(tokenOf(initialAuth));
    return client;
  });
  const setAuth = useCallback(
    (next: ClientAuth | null) => {
      setAuthState(next);
      accessTokens.setAccessToken(tokenOf(next));
    },
    [accessTokens],
  );
  const rendered = useRef(initialAuth);
  useEffect(() => {
    if (rendered.current === initialAuth) return;
    rendered.current = initialAuth;
    setAuth(initialAuth);
  }, [initialAuth, setAuth]);
  const refreshAuth = useCallback(async () => {
    const next = await getAuth();
    setAuth(next);
    return next;
  }, [setAuth]);
  const switchOrganization = useCallback(
    async (organizationId: string) => {
      const { auth: next } = await switchToOrganization({ data: { organizationId } });
      setAuth(next);
      return next;
    },
    [setAuth],
  );
  const value = useMemo(
    () => ({ auth, setAuth, refreshAuth, switchToOrganization: switchOrganization, accessTokens }),
    [auth, setAuth, refreshAuth, switchOrganization, accessTokens],
  );
  return <AuthKitContext.Provider value={value}>{children}</AuthKitContext.Provider>;
}

/**
 * The auth known to this tab, with helpers to refresh it or switch organization.
 * @throws {Error} outside an {@link AuthKitProvider}.
 */
export function useAuth(): AuthKitContextValue {
  const value = useContext(AuthKitContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthKitProvider>');
  return value;
}
