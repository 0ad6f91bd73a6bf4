import type { ReactNode } from 'react';
import type { ClientUserInfo, NoUserInfo, User } from '../index.js';

/** What `useAuth()` returns. */
export interface AuthContextType {
  user: User | null;
  sessionId: string | undefined;
  organizationId: string | undefined;
  role: string | undefined;
  roles: string[] | undefined;
  permissions: string[] | undefined;
  entitlements: string[] | undefined;
  featureFlags: string[] | undefined;
  impersonator: ClientUserInfo['impersonator'];
  /** Our addition: the verified access-token claims (custom ones included), `undefined` when signed out. */
  claims: ClientUserInfo['claims'] | undefined;
  /** True until the first auth is known (no `initialAuth`), and while an action below runs. */
  loading: boolean;
  /** Fetches the auth again; with `ensureSignedIn`, sends a signed-out visitor to sign in. */
  getAuth: (options?: { ensureSignedIn?: boolean }) => Promise<void>;
  /** Refreshes the session now, optionally into another organization. */
  refreshAuth: (options?: {
    ensureSignedIn?: boolean;
    organizationId?: string;
  }) => Promise<{ error: string } | undefined>;
  /** Ends the session and navigates to WorkOS's logout URL (then `returnTo`, default `/`). */
  signOut: (options?: { returnTo?: string }) => Promise<void>;
  switchToOrganization: (organizationId: string) => Promise<{ error: string } | undefined>;
}

/** Props of `AuthKitProvider`. */
export interface AuthKitProviderProps {
  children: ReactNode;
  /**
   * What to do when the session has ended while the tab was away (checked on focus). Default:
   * reload the page. `false` turns the check off.
   */
  onSessionExpired?: false | (() => void);
  /** The auth a loader already has (`getAuth()`): no fetch on mount, no loading flicker. */
  initialAuth?: ClientUserInfo | NoUserInfo;
}

/** What `useAccessToken()` returns. */
export interface UseAccessTokenReturn {
  /** The token this tab holds (possibly about to expire); `undefined` when signed out or not loaded yet. */
  accessToken: string | undefined;
  /** True while the first token of this session loads. */
  loading: boolean;
  /** The last failure to get a token, if any. */
  error: Error | null;
  /** A new token now (the server refreshes the session). */
  refresh: () => Promise<string | undefined>;
  /** A token valid for at least 30 more seconds, refreshed first when needed; `undefined` when signed out. */
  getAccessToken: () => Promise<string | undefined>;
}
