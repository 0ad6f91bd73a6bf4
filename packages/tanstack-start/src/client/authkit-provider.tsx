import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  checkSessionAction,
  getAuthAction,
  refreshAuthAction,
  signOutAction,
  switchToOrganizationAction,
} from '../actions.js';
import type { ClientUserInfo, NoUserInfo } from '../index.js';
import { getSignInUrl } from '../server-functions.js';
import { createTokenStore, type TokenStore } from './token-store.js';
import type { AuthContextType, AuthKitProviderProps } from './types.js';

interface ProviderValue extends AuthContextType {
  tokens: TokenStore;
}

const AuthContext = createContext<ProviderValue | undefined>(undefined);

const errorOf = (cause: unknown) => ({ error: cause instanceof Error ? cause.message : String(cause) });

function fieldsOf(auth: ClientUserInfo | NoUserInfo | undefined) {
  const info = auth?.user ? (auth as ClientUserInfo) : undefined;
  return {
    user: info?.user ?? null,
    sessionId: info?.sessionId,
    organizationId: info?.organizationId,
    role: info?.role,
    roles: info?.roles,
    permissions: info?.permissions,
    entitlements: info?.entitlements,
    featureFlags: info?.featureFlags,
    impersonator: info?.impersonator,
    claims: info?.claims,
  };
}

const sessionKey = (auth: ClientUserInfo | NoUserInfo | undefined) =>
  auth?.user ? `${auth.user.id} ${(auth as ClientUserInfo).sessionId}` : '';

async function goToSignIn(): Promise<void> {
  const returnPathname = `${window.location.pathname}${window.location.search}`;
  window.location.assign(await getSignInUrl({ data: { returnPathname } }));
}

/**
 * Auth for client components (`useAuth`, `useAccessToken`, …). Without `initialAuth` it fetches the
 * auth on mount; on focus it checks that the session still exists (see `onSessionExpired`).
 *
 * @example
 * ```tsx
 * <AuthKitProvider initialAuth={Route.useLoaderData().auth}><Outlet /></AuthKitProvider>
 * ```
 */
export function AuthKitProvider({ children, onSessionExpired, initialAuth }: AuthKitProviderProps) {
  const [auth, setAuth] = useState(initialAuth);
  const [loading, setLoading] = useState(initialAuth === undefined);
  const [tokens] = useState(createTokenStore);
  const current = useRef(initialAuth);

  const apply = useCallback(
    (next: ClientUserInfo | NoUserInfo) => {
      // Another user or session: the token this tab holds is not theirs.
      if (sessionKey(current.current) !== sessionKey(next)) tokens.clear();
      current.current = next;
      setAuth(next);
    },
    [tokens],
  );

  const getAuth = useCallback(
    async ({ ensureSignedIn = false }: { ensureSignedIn?: boolean } = {}) => {
      setLoading(true);
      try {
        const next = await getAuthAction();
        apply(next);
        if (ensureSignedIn && !next.user) await goToSignIn();
      } catch {
        apply({ user: null });
      } finally {
        setLoading(false);
      }
    },
    [apply],
  );

  // A server action that answers the new auth: applied, and the tab's token dropped (it may be stale).
  const applyAction = useCallback(
    async (action: () => Promise<ClientUserInfo | NoUserInfo>) => {
      setLoading(true);
      try {
        apply(await action());
        tokens.clear();
      } catch (cause) {
        return errorOf(cause);
      } finally {
        setLoading(false);
      }
    },
    [apply, tokens],
  );

  const refreshAuth = useCallback(
    ({ organizationId }: { ensureSignedIn?: boolean; organizationId?: string } = {}) =>
      applyAction(() => refreshAuthAction({ data: organizationId ? { organizationId } : {} })),
    [applyAction],
  );

  const switchToOrganization = useCallback(
    (organizationId: string) => applyAction(() => switchToOrganizationAction({ data: { organizationId } })),
    [applyAction],
  );

  const signOut = useCallback(
    async ({ returnTo = '/' }: { returnTo?: string } = {}) => {
      const { url } = await signOutAction({ data: { returnTo } });
      tokens.clear();
      window.location.assign(url ?? returnTo);
    },
    [tokens],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only; a later initialAuth is the loader's business
  useEffect(() => {
    if (initialAuth === undefined) void getAuth();
  }, []);

  useEffect(() => {
    if (onSessionExpired === false) return;
    let checking = false;
    const check = async () => {
      if (checking || document.visibilityState !== 'visible' || !current.current?.user) return;
      checking = true;
      try {
        if (!(await checkSessionAction())) {
          if (onSessionExpired) onSessionExpired();
          else window.location.reload();
        }
      } catch {
        // Offline or the server is down: the session may be fine; check again on the next focus.
      } finally {
        checking = false;
      }
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [onSessionExpired]);

  const value = useMemo<ProviderValue>(
    () => ({ ...fieldsOf(auth), loading, getAuth, refreshAuth, signOut, switchToOrganization, tokens }),
    [auth, loading, getAuth, refreshAuth, signOut, switchToOrganization, tokens],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function useProviderValue(hook: string): ProviderValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error(`${hook} must be used within an AuthKitProvider`);
  return value;
}

/**
 * The auth of this tab and actions on it. With `ensureSignedIn`, a signed-out visitor is sent to
 * sign in (and brought back here).
 * @throws {Error} outside an {@link AuthKitProvider}.
 */
export function useAuth(options: { ensureSignedIn: true }): AuthContextType;
export function useAuth(options?: { ensureSignedIn?: boolean }): AuthContextType;
export function useAuth({ ensureSignedIn = false }: { ensureSignedIn?: boolean } = {}): AuthContextType {
  const value = useProviderValue('useAuth');
  const { user, loading, getAuth } = value;
  useEffect(() => {
    if (ensureSignedIn && !user && !loading) void getAuth({ ensureSignedIn: true });
  }, [ensureSignedIn, user, loading, getAuth]);
  const { tokens: _internal, ...auth } = value;
  return auth;
}

/** @internal The tab's token store, for the token hooks. */
export function useTokenStore(): {
  tokens: TokenStore;
  user: AuthContextType['user'];
  sessionId: string | undefined;
} {
  const { tokens, user, sessionId } = useProviderValue('useAccessToken');
  return { tokens, user, sessionId };
}
