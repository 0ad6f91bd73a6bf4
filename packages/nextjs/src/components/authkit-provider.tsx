'use client';

import {
  type AccessToken,
  type AccessTokenClient,
  accessTokenOf,
  createAccessTokenClient,
  fetchAccessTokenRoute,
} from '@authkit-ssr/core/client';
import type { Impersonator, User } from '@workos-inc/node';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientAuth } from '../client-auth.js';
import type { AccessTokenBody } from '../route-handlers.js';
import { readEagerAccessToken } from './eager-access-token.js';
import { startSignIn, submitSignOut } from './navigation.js';

/** Auth rendered on the server for the provider's first paint: `withAuth()` without `accessToken`, or `toClientAuth(…)`. */
export type InitialAuth =
  | ClientAuth
  | (Partial<ClientAuth> & { user: User | null; accessToken?: undefined })
  | null;

/** What {@link useAuth} returns: the fields of WorkOS's kit, and `auth` (the whole object, `null` when signed out). */
export interface AuthKitContextValue {
  user: User | null;
  sessionId: string | undefined;
  organizationId: string | undefined;
  role: string | undefined;
  roles: string[] | undefined;
  permissions: string[] | undefined;
  entitlements: string[] | undefined;
  featureFlags: string[] | undefined;
  impersonator: Impersonator | undefined;
  /** True until the provider knows the session (without `initialAuth`, until its first fetch). */
  loading: boolean;
  /** The signed-in user's auth (without the access token), or `null` when signed out. */
  auth: ClientAuth | null;
  /** Asks the server for the current auth; `ensureSignedIn` sends a signed-out visitor to sign in. */
  getAuth: (options?: { ensureSignedIn?: boolean }) => Promise<void>;
  /** Like `getAuth`, refreshing the session first (into `organizationId`, if given). Resolves to `{ error }` when it could not. */
  refreshAuth: (options?: {
    ensureSignedIn?: boolean;
    organizationId?: string;
  }) => Promise<undefined | { error: string }>;
  /** Signs out through the sign-out route (a same-origin POST), then WorkOS's logout page. */
  signOut: (options?: { returnTo?: string }) => Promise<void>;
  /**
   * Switches the session to another organization of the user. `revalidationStrategy` other than
   * `none` (the default here, as in the kit's hook) then reloads `returnTo` (default: this page).
   */
  switchToOrganization: (
    organizationId: string,
    options?: { returnTo?: string; revalidationStrategy?: 'none' | 'tag' | 'path' },
  ) => Promise<ClientAuth | { error: string }>;
  /** @internal the token this tab holds, for `useAccessToken` */
  token: AccessToken | null;
  /** @internal this tab's access tokens: cached until near expiry, one request in flight */
  accessTokens: AccessTokenClient;
}

const AuthKitContext = createContext<AuthKitContextValue | null>(null);

function normalize(initialAuth: InitialAuth | undefined): ClientAuth | null {
  return initialAuth?.user ? (initialAuth as ClientAuth) : null;
}

/**
 * Makes the session available to client components. Without `initialAuth` it fetches the session on
 * mount (from the access-token route, which the proxy answers); with it, the first paint has it.
 * When the tab regains focus it checks the session again and calls `onSessionExpired` (default:
 * reload the page) if it ended meanwhile.
 *
 * @example
 * ```tsx
 * <AuthKitProvider>{children}</AuthKitProvider>
 * ```
 */
export function AuthKitProvider({
  children,
  initialAuth,
  onSessionExpired,
  accessTokenPath = '/api/auth/access-token',
  signOutPath = '/api/auth/sign-out',
}: {
  children: ReactNode;
  initialAuth?: InitialAuth;
  /** What to do when the session ended while the tab was away: default reload; `false` disables the check. */
  onSessionExpired?: false | (() => void);
  /** The route that serves `handleAccessToken()` (the proxy answers it too). Default `/api/auth/access-token`. */
  accessTokenPath?: string;
  /** The route that serves `handleSignOut()`, for `useAuth().signOut()`. Default `/api/auth/sign-out`. */
  signOutPath?: string;
}) {
  const [auth, setAuth] = useState(() => normalize(initialAuth));
  const [loading, setLoading] = useState(initialAuth === undefined);
  // With `eagerAuth`, the proxy left the token in a short-lived cookie: usable on first paint.
  const [token, setToken] = useState(readEagerAccessToken);
  const latestAuth = useRef(normalize(initialAuth));
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
    if (rendered.current === initialAuth || initialAuth === undefined) return;
    rendered.current = initialAuth;
    latestAuth.current = normalize(initialAuth);
    setAuth(latestAuth.current);
    setToken(null);
    accessTokens.clear();
  }, [initialAuth, accessTokens]);

  const load = useCallback(
    async (forceRefresh: boolean, ensureSignedIn: boolean) => {
      setLoading(true);
      try {
        await accessTokens.getAccessToken({ forceRefresh });
      } finally {
        setLoading(false);
      }
      if (ensureSignedIn && !latestAuth.current) startSignIn();
    },
    [accessTokens],
  );
  const getAuth = useCallback(
    async ({ ensureSignedIn = false } = {}) => {
      await load(false, ensureSignedIn).catch(() => {
        latestAuth.current = null;
        setAuth(null);
      });
    },
    [load],
  );
  const switchToOrganization = useCallback(
    async (
      organizationId: string,
      options: { returnTo?: string; revalidationStrategy?: 'none' | 'tag' | 'path' } = {},
    ): Promise<ClientAuth | { error: string }> => {
      const response = await fetch(accessTokenPath, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ organizationId }),
      });
      const body = (await response.json().catch(() => null)) as (AccessTokenBody & { error?: string }) | null;
      if (!response.ok || !body?.auth) return { error: body?.error ?? `HTTP ${response.status}` };
      const next = accessTokenOf(body);
      latestAuth.current = body.auth;
      setAuth(body.auth);
      setToken(next);
      accessTokens.setAccessToken(next);
      if ((options.revalidationStrategy ?? 'none') !== 'none')
        window.location.assign(options.returnTo ?? window.location.href);
      return body.auth;
    },
    [accessTokenPath, accessTokens],
  );
  const refreshAuth = useCallback(
    async ({
      ensureSignedIn = false,
      organizationId,
    }: {
      ensureSignedIn?: boolean;
      organizationId?: string;
    } = {}) => {
      if (organizationId !== undefined) {
        const result = await switchToOrganization(organizationId);
        return 'error' in result ? { error: result.error } : undefined;
      }
      try {
        await load(true, ensureSignedIn);
        return undefined;
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    },
    [load, switchToOrganization],
  );
  const signOut = useCallback(
    async ({ returnTo }: { returnTo?: string } = {}) => submitSignOut(signOutPath, returnTo),
    [signOutPath],
  );

  const hasInitialAuth = initialAuth !== undefined;
  useEffect(() => {
    if (!hasInitialAuth) void getAuth();
  }, [hasInitialAuth, getAuth]);

  useEffect(() => {
    if (onSessionExpired === false) return;
    let checking = false;
    const check = async () => {
      if (checking || document.visibilityState !== 'visible' || !latestAuth.current) return;
      checking = true;
      try {
        const body = await fetchAccessTokenRoute<AccessTokenBody>(accessTokenPath);
        if (body?.auth) return;
        if (onSessionExpired) onSessionExpired();
        else window.location.reload();
      } catch {
        // Offline or an outage: the session may well be alive; check again on the next focus.
      } finally {
        checking = false;
      }
    };
    window.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      window.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [onSessionExpired, accessTokenPath]);

  const value = useMemo<AuthKitContextValue>(
    () => ({
      user: auth?.user ?? null,
      sessionId: auth?.sessionId,
      organizationId: auth?.organizationId,
      role: auth?.role,
      roles: auth?.roles,
      permissions: auth?.permissions,
      entitlements: auth?.entitlements,
      featureFlags: auth?.featureFlags,
      impersonator: auth?.impersonator,
      loading,
      auth,
      getAuth,
      refreshAuth,
      signOut,
      switchToOrganization,
      token,
      accessTokens,
    }),
    [auth, loading, getAuth, refreshAuth, signOut, switchToOrganization, token, accessTokens],
  );
  return <AuthKitContext.Provider value={value}>{children}</AuthKitContext.Provider>;
}

/**
 * The session known to this tab. `ensureSignedIn` sends a signed-out visitor to sign in (once the
 * provider knows the session).
 * @throws {Error} outside an {@link AuthKitProvider}.
 */
export function useAuth({ ensureSignedIn = false }: { ensureSignedIn?: boolean } = {}): AuthKitContextValue {
  const value = useContext(AuthKitContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthKitProvider>');
  const mustSignIn = ensureSignedIn && !value.loading && !value.user;
  useEffect(() => {
    if (mustSignIn) startSignIn();
  }, [mustSignIn]);
  return value;
}
