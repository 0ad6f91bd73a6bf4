import type { Auth, AuthenticateResult, AuthKitCore, RefreshRole, Session } from '@authkit-ssr/core';
import type { Cookies } from '@sveltejs/kit';

/** What `authkitHandle` puts on `event.locals`. Extend `App.Locals` with it in `src/app.d.ts`. */
export interface AuthKitLocals {
  /** The signed-in user of this request, or `null` when signed out. */
  auth: Auth | null;
}

/** The part of a SvelteKit `RequestEvent` (or load / action event) that the helpers read. */
export interface AuthKitEvent {
  locals: object;
  cookies: Cookies;
  request: Request;
  url: URL;
}

/** The auth of the current request as the handle resolved it. */
export interface AuthState {
  core: AuthKitCore;
  auth: Auth | null;
  /** The current session: refreshed when `refresh` is set, so nothing downstream spends the old refresh token. */
  session: Session | null;
  /** How this request's session was refreshed, or `null` when the access token was still valid. */
  refresh: RefreshRole | null;
  /** Set when this request wrote a session cookie: the response must not be cached. */
  wroteCookies: boolean;
}

// Keyed by `event.locals`: SvelteKit hands the same locals object to the handle, every load
// function, action and endpoint of one request, while the event objects themselves are copies.
const states = new WeakMap<object, AuthState>();

export function setAuthState(event: AuthKitEvent, state: AuthState): void {
  states.set(event.locals, state);
  (event.locals as AuthKitLocals).auth = state.auth;
}

/**
 * The auth of the current request: the user, the current session and how it was refreshed.
 *
 * @throws {Error} when `authkitHandle` did not run for this request (missing from `hooks.server.ts`).
 */
export function getAuthState(event: Pick<AuthKitEvent, 'locals'>): AuthState {
  const state = states.get(event.locals);
  if (!state) throw new Error('authkit-ssr: add authkitHandle() to the handle hook in src/hooks.server.ts');
  return state;
}

/**
 * Writes core's `Set-Cookie` values with `event.cookies`, so that SvelteKit adds them to the
 * response and later reads in the same request see them. A later write of the same cookie
 * replaces an earlier one: the session written last is the one the browser keeps.
 */
export function writeCookies(event: AuthKitEvent, setCookies: readonly string[]): void {
  for (const header of setCookies) {
    const { name, value = '', ...attributes } = event.cookies.parse(header);
    // SvelteKit's defaults (Secure and HttpOnly on) must not fill in what core left out on purpose.
    event.cookies.set(name, value, {
      ...attributes,
      path: attributes.path ?? '/',
      secure: attributes.secure ?? false,
      httpOnly: attributes.httpOnly ?? false,
    });
  }
}

/** Applies a refresh, switch or sign-out result to the request: cookies, `locals.auth` and the state. */
export function applyResult(
  event: AuthKitEvent,
  result: Pick<AuthenticateResult, 'auth' | 'session' | 'setCookies'> & { refresh?: RefreshRole },
): AuthState {
  const state = getAuthState(event);
  writeCookies(event, result.setCookies);
  setAuthState(event, {
    ...state,
    auth: result.auth,
    session: result.session,
    refresh: result.refresh ?? state.refresh,
    wroteCookies: state.wroteCookies || result.setCookies.length > 0,
  });
  return getAuthState(event);
}
