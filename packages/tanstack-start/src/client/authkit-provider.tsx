import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ClientAuth } from '../server-functions.js';
import { getAuth, switchToOrganization } from '../server-functions.js';

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
}

const AuthKitContext = createContext<AuthKitContextValue | null>(null);

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
  const [auth, setAuth] = useState(initialAuth);
  useEffect(() => setAuth(initialAuth), [initialAuth]);
  const refreshAuth = useCallback(async () => {
    const next = await getAuth();
    setAuth(next);
    return next;
  }, []);
  const switchOrganization = useCallback(async (organizationId: string) => {
    const { auth: next } = await switchToOrganization({ data: { organizationId } });
    setAuth(next);
    return next;
  }, []);
  const value = useMemo(
    () => ({ auth, setAuth, refreshAuth, switchToOrganization: switchOrganization }),
    [auth, refreshAuth, switchOrganization],
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
