import {
  type AuthKitCore,
  type AuthKitOptions,
  applySessionChange,
  createRequestAuthState,
  getAuthKitCore,
  optionsFromEnv,
  type RefreshRole,
  type RequestAuthState,
  type SessionChange,
} from '@authkit-ssr/core';
import { getGlobalStartContext } from '@tanstack/react-start';
import { appendResponseHeader, setResponseHeader } from '@tanstack/react-start/server';

/** How the session of this request was obtained: `undefined` when no refresh happened. */
export type RefreshOutcome = RefreshRole;

/** What `authkitMiddleware`'s options decide beyond core's options. */
export interface RequestSettings {
  /** `getAuth()` also returns `accessToken` (it then reaches the HTML of server-rendered pages). */
  exposeAccessToken: boolean;
  /** The callback URL sign-ins of this app use (the middleware's `redirectUri`, else the option's). */
  redirectUri: string;
}

/**
 * What the adapter knows about the current request. The middleware creates it once per request;
 * server functions, server routes and loaders read it instead of the incoming cookie, which may
 * already have been rotated in this very request.
 */
export interface AuthKitRequestState extends RequestAuthState, RequestSettings {
  readonly core: AuthKitCore;
}

/**
 * The process-wide core for these options: environment variables (DESIGN.md list) first,
 * explicit options over them.
 */
export function getCore(options: Partial<AuthKitOptions> = {}): AuthKitCore {
  return getAuthKitCore({ ...optionsFromEnv(process.env), ...options } as AuthKitOptions);
}

/**
 * Authenticates the request (the middleware does, once per request) and writes the cookies core
 * asks for. A transient upstream failure rejects (the middleware answers 503).
 */
export async function createRequestState(
  request: Request,
  core: AuthKitCore,
  settings: RequestSettings,
): Promise<AuthKitRequestState> {
  const result = await core.authenticate(request);
  writeCookies(result.setCookies);
  if (result.auth) markSessionDependent();
  return { ...createRequestAuthState(result), core, ...settings };
}

const NOT_CONFIGURED = `AuthKit middleware is not configured: register authkitMiddleware() in src/start.ts:

export const startInstance = createStart(() => ({ requestMiddleware: [authkitMiddleware()] }));`;

/**
 * The state `authkitMiddleware` created for the current request: the one object every stage of
 * the request (server functions, server routes, loaders) reads and updates.
 * @throws {Error} when the middleware is not registered.
 */
export function getRequestState(): AuthKitRequestState {
  let state: AuthKitRequestState | undefined;
  try {
    state = (getGlobalStartContext() as { authkit?: AuthKitRequestState } | undefined)?.authkit;
  } catch {
    // Outside a request: no state.
  }
  if (!state) throw new Error(NOT_CONFIGURED);
  return state;
}

/**
 * Writes a refresh/switch/sign-out result into the response and the request state, unless a newer
 * session was already written in this request (see core's `applySessionChange`).
 * @returns whether the result was applied.
 */
export function applyResult(state: AuthKitRequestState, change: SessionChange): boolean {
  const setCookies = applySessionChange(state, change);
  if (setCookies) writeCookies(setCookies);
  return setCookies !== undefined;
}

/**
 * Appends `Set-Cookie` headers (never replacing ones written earlier in the request) and keeps
 * shared caches from storing the response.
 */
export function writeCookies(setCookies: readonly string[]): void {
  if (setCookies.length === 0) return;
  for (const cookie of setCookies) appendResponseHeader('Set-Cookie', cookie);
  markSessionDependent();
}

/**
 * The response depends on who asks (rendered for a session, or sets a cookie): no shared cache
 * may store it or hand it to another user.
 */
export function markSessionDependent(): void {
  setResponseHeader('Cache-Control', 'private, no-store');
  setResponseHeader('Vary', 'Cookie');
}
