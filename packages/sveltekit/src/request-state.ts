import {
  type Auth,
  type AuthKitCore,
  applySessionChange,
  createRequestAuthState,
  type RefreshRole,
  type RequestAuthState,
  type Session,
  type SessionChange,
} from '@authkit-ssr/core';
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
}

// Keyed by `event.locals`: SvelteKit hands the same locals object to the handle, every load
// function, action and endpoint of one request, while the event objects themselves are copies.
const requests = new WeakMap<object, { core: AuthKitCore; state: RequestAuthState }>();

/** Starts the request's auth state from the handle's `authenticate` result and writes its cookies. */
export function startAuthState(event: AuthKitEvent, core: AuthKitCore, result: SessionChange): void {
  writeCookies(event, result.setCookies);
  const state = createRequestAuthState(result);
  requests.set(event.locals, { core, state });
  (event.locals as AuthKitLocals).auth = state.auth;
}

function requestOf(event: Pick<AuthKitEvent, 'locals'>) {
  const request = requests.get(event.locals);
  if (!request) throw new Error('authkit-ssr: add authkitHandle() to the handle hook in src/hooks.server.ts');
  return request;
}

/**
 * The auth of the current request: the user, the current session and how it was refreshed.
 *
 * @throws {Error} when `authkitHandle` did not run for this request (missing from `hooks.server.ts`).
 */
export function getAuthState(event: Pick<AuthKitEvent, 'locals'>): AuthState {
  const { core, state } = requestOf(event);
  return { core, auth: state.auth, session: state.session, refresh: state.refresh ?? null };
}

/** Whether this request wrote a session cookie: then the response must not be cached. */
export function wroteSessionCookie(event: Pick<AuthKitEvent, 'locals'>): boolean {
  return requestOf(event).state.wroteSessionCookie;
}

/**
 * Writes core's `Set-Cookie` values with `event.cookies`, so that SvelteKit adds them to the
 * response and later reads in the same request see them. A later write of the same cookie
 * replaces an earlier one.
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

/**
 * Applies a refresh, switch, callback or sign-out result to the request (cookies, `locals.auth`
 * and the state), unless it is older than the session the request already holds: the cookie
 * written last must be the newest session.
 */
export function applyResult(event: AuthKitEvent, change: SessionChange): AuthState {
  const { state } = requestOf(event);
  const setCookies = applySessionChange(state, change);
  if (setCookies) {
    writeCookies(event, setCookies);
    (event.locals as AuthKitLocals).auth = state.auth;
  }
  return getAuthState(event);
}
