import type { Auth } from './auth.js';
import { type AuthenticateResult, sessionIssuedAt } from './authkit-core.js';
import type { RefreshRole } from './refresh-coordinator.js';
import type { Session } from './session.js';

/** A result that changes the session of a request: authenticate, refresh, switch, sign-in or sign-out. */
export type SessionChange<TClaims extends object = Record<never, never>> = Pick<
  AuthenticateResult<TClaims>,
  'auth' | 'session' | 'setCookies'
> & { refresh?: RefreshRole | undefined };

/**
 * The auth of one request as the adapter hands it downstream (middleware context, `event.locals`,
 * forwarded headers). Adapters keep one per request and apply every later change through
 * {@link applySessionChange}, so the session cookie written last is always the newest.
 */
export interface RequestAuthState<TClaims extends object = Record<never, never>> {
  auth: Auth<TClaims> | null;
  /** The newest session of the request: what the last written session cookie holds. */
  session: Session | null;
  /** How the request's session was last refreshed, if it was. */
  refresh: RefreshRole | undefined;
  /** True once the request wrote a session cookie: the response must not be cached. */
  wroteSessionCookie: boolean;
}

/** The state of a request right after `authenticate`. */
export function createRequestAuthState<TClaims extends object>(
  result: SessionChange<TClaims>,
): RequestAuthState<TClaims> {
  return {
    auth: result.auth,
    session: result.session,
    refresh: result.refresh,
    wroteSessionCookie: result.setCookies.length > 0,
  };
}

/**
 * Applies a later change to the request's state, unless it would put an older session over a
 * newer one (two refreshes of one request finishing out of order). A change without a session (a
 * sign-out, a rejected refresh) always applies.
 *
 * @returns the `Set-Cookie` values to write, or `undefined` when the change is stale and must not be written.
 */
export function applySessionChange<TClaims extends object>(
  state: RequestAuthState<TClaims>,
  change: SessionChange<TClaims>,
): string[] | undefined {
  if (change.session && state.session && sessionIssuedAt(change.session) < sessionIssuedAt(state.session))
    return undefined;
  state.auth = change.auth;
  state.session = change.session;
  if (change.refresh) state.refresh = change.refresh;
  if (change.setCookies.length > 0) state.wroteSessionCookie = true;
  return change.setCookies;
}
