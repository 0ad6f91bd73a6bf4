import { type Auth, type AuthKitEvent, getAuthState } from '@authkit-ssr/sveltekit';

/** What the session panel shows: what the server saw on this load, including how the session was refreshed. */
export interface SessionInfo {
  sessionId: string;
  organizationId: string | null;
  role: string | null;
  permissions: string[];
  accessTokenExpiresAt: string;
  refresh: 'led' | 'joined' | 'replayed' | null;
  impersonator: string | null;
  loadedAt: string;
}

export function sessionInfo(event: AuthKitEvent, auth: Auth): SessionInfo {
  return {
    sessionId: auth.sessionId,
    organizationId: auth.organizationId ?? null,
    role: auth.role ?? null,
    permissions: auth.permissions,
    accessTokenExpiresAt: auth.accessTokenExpiresAt.toISOString(),
    refresh: getAuthState(event).refresh,
    impersonator: auth.impersonator?.email ?? null,
    loadedAt: new Date().toISOString(),
  };
}
