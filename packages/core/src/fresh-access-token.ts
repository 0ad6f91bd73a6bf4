import type { AuthKitCore, RequestLike } from './authkit-core.js';
import { DEFAULTS } from './options.js';
import {
  applySessionChange,
  createRequestAuthState,
  type RequestAuthState,
  type SessionChange,
} from './request-auth-state.js';

/** Options of {@link getFreshAccessToken}. */
export interface FreshAccessTokenOptions {
  /**
   * Refresh first when the access token expires within this many seconds.
   * Default {@link DEFAULTS.accessTokenMinValiditySeconds} (60).
   */
  minValiditySeconds?: number | undefined;
  /** The current request, when `source` is the request's auth: keeps the session cookie's chunk names. */
  request?: RequestLike | undefined;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * The access token an adapter's access-token route hands to the browser: the current one, or a
 * refreshed one (through the refresh coordinator, so concurrent callers share one WorkOS call) when
 * it expires within `minValiditySeconds`.
 *
 * @param source the request (authenticated here), or the auth the adapter already holds for it.
 * @returns the session change to apply: `auth` is `null` when signed out (answer 401);
 * `setCookies` holds what authenticating and refreshing wrote, in order; `refresh` is set when the
 * session was refreshed. A refresh older than the current session (out of order) is dropped.
 * @throws {AuthKitError} from the refresh: `refresh_rejected`, `upstream_unavailable`, or from
 * `authenticate` when `source` is a request.
 */
export async function getFreshAccessToken<TClaims extends object>(
  core: AuthKitCore<TClaims>,
  source: RequestLike | Pick<RequestAuthState<TClaims>, 'auth' | 'session'>,
  options: FreshAccessTokenOptions = {},
): Promise<SessionChange<TClaims>> {
  const isRequest = 'headers' in source;
  const current: SessionChange<TClaims> = isRequest
    ? await core.authenticate(source)
    : { auth: source.auth, session: source.session, setCookies: [] };
  const { auth, session } = current;
  const minValidityMs = (options.minValiditySeconds ?? DEFAULTS.accessTokenMinValiditySeconds) * 1000;
  const now = options.now ?? Date.now;
  if (!auth || !session || auth.accessTokenExpiresAt.getTime() - now() >= minValidityMs) return current;

  const request = isRequest ? source : options.request;
  const refreshed = await core.refreshSession(session, request ? { request } : {});
  const state = createRequestAuthState(current);
  const setCookies = applySessionChange(state, refreshed);
  if (!setCookies) return current;
  return {
    auth: state.auth,
    session: state.session,
    setCookies: [...current.setCookies, ...setCookies],
    refresh: state.refresh,
  };
}
