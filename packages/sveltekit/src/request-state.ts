import {
  type Auth,
  type AuthKitCore,
  applySessionChange,
  createRequestAuthState,
  parseSetCookie,
  type RefreshRole,
  type RequestAuthState,
  type Session,
  type SessionChange,
} from '@authkit-ssr/core';
import type { Cookies } from '@sveltejs/kit';
import { type AuthKitAuth, setLocalsAuth } from './locals-auth.js';

/**
 * What `authKitHandle` puts on `event.locals`. In `src/app.d.ts`, with your custom claims typed:
 * `interface Locals extends AuthKitLocals<{ tier: 'free' | 'pro' }> {}`.
 */
export interface AuthKitLocals<TClaims extends object = Record<never, never>> {
  /** The user of this request: `user` is `null` when signed out (never `locals.auth` itself). */
  auth: AuthKitAuth<TClaims>;
}

/** The part of a SvelteKit `RequestEvent` (or load / action event) that the helpers read. */
export interface AuthKitEvent {
  locals: object;
  cookies: Pick<Cookies, 'get' | 'getAll' | 'set'>;
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

interface RequestRecord {
  core: AuthKitCore;
  state: RequestAuthState;
  /** A session was read, or any auth cookie written: the response depends on who asked. */
  sessionDependent: boolean;
}

// Keyed by `event.locals`: SvelteKit hands the same locals object to the handle, every load
// function, action and endpoint of one request, while the event objects themselves are copies.
const requests = new WeakMap<object, RequestRecord>();

/** Starts the request's auth state from the handle's `authenticate` result and writes its cookies. */
export function startAuthState(event: AuthKitEvent, core: AuthKitCore, result: SessionChange): void {
  const state = createRequestAuthState(result);
  requests.set(event.locals, { core, state, sessionDependent: result.auth !== null });
  writeCookies(event, result.setCookies);
  setLocalsAuth(event.locals, state.auth);
}

function requestOf(event: Pick<AuthKitEvent, 'locals'>): RequestRecord {
  const request = requests.get(event.locals);
  if (!request) throw new Error('authkit-ssr: add authKitHandle() to the handle hook in src/hooks.server.ts');
  return request;
}

/**
 * The auth of the current request: the user, the current session and how it was refreshed.
 *
 * @throws {Error} when `authKitHandle` did not run for this request (missing from `hooks.server.ts`).
 */
export function getAuthState(event: Pick<AuthKitEvent, 'locals'>): AuthState {
  const { core, state } = requestOf(event);
  return { core, auth: state.auth, session: state.session, refresh: state.refresh ?? null };
}

/** Whether the response was rendered for a session or writes an auth cookie: then no shared cache may keep it. */
export function isSessionDependent(event: Pick<AuthKitEvent, 'locals'>): boolean {
  const { state, sessionDependent } = requestOf(event);
  return sessionDependent || state.auth !== null || state.wroteSessionCookie;
}

/**
 * Writes core's `Set-Cookie` values with `event.cookies`, so that SvelteKit adds them to the
 * response and later reads in the same request (`cookies.get`, `event.fetch` to the app) see them.
 * A later write of the same cookie replaces an earlier one.
 */
export function writeCookies(event: AuthKitEvent, setCookies: readonly string[]): void {
  if (setCookies.length > 0) requestOf(event).sessionDependent = true;
  for (const header of setCookies) {
    const parsed = parseSetCookie(header);
    if (!parsed) continue;
    // SvelteKit's defaults (Secure and HttpOnly on) must not fill in what core left out on purpose.
    event.cookies.set(parsed.name, parsed.value, {
      path: parsed.path,
      domain: parsed.domain,
      secure: parsed.secure,
      httpOnly: parsed.httpOnly,
      sameSite: parsed.sameSite,
      maxAge: parsed.maxAgeSeconds,
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
    setLocalsAuth(event.locals, state.auth);
  }
  return getAuthState(event);
}
