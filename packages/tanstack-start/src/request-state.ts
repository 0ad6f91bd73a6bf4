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
import { appendResponseHeader, getRequest, setResponseHeader } from '@tanstack/react-start/server';

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

// The request object is the one identity every stage of a Start request shares (middleware,
// server functions called during SSR, server routes); a WeakMap lets the state die with it.
const states = new WeakMap<Request, Promise<AuthKitRequestState>>();

/**
 * The process-wide core for these options: environment variables (DESIGN.md list) first,
 * explicit options over them.
 */
export function getCore(options: Partial<AuthKitOptions> = {}): AuthKitCore {
  return getAuthKitCore({ ...optionsFromEnv(process.env), ...options } as AuthKitOptions);
}

/**
 * Authenticates `request` once and remembers the result for the rest of the request. Writes the
 * cookies core asks for. A transient upstream failure rejects (the caller answers 503).
 */
export function resolveRequestState(
  request: Request,
  core: AuthKitCore,
  settings: Partial<RequestSettings> = {},
): Promise<AuthKitRequestState> {
  let pending = states.get(request);
  if (!pending) {
    pending = core.authenticate(request).then((result) => {
      writeCookies(result.setCookies);
      if (result.auth) markSessionDependent();
      return {
        ...createRequestAuthState(result),
        core,
        exposeAccessToken: settings.exposeAccessToken ?? false,
        redirectUri: settings.redirectUri ?? core.options.redirectUri,
      };
    });
    // A failed authentication is not cached: the 503 goes out and the next request starts fresh.
    pending.catch(() => states.delete(request));
    states.set(request, pending);
  }
  return pending;
}

/**
 * The state of the current request: the one `authkitMiddleware` created (with its options), or,
 * when the middleware is not registered, a fresh authentication with the environment's options.
 */
export function getRequestState(): Promise<AuthKitRequestState> {
  const request = getRequest();
  const pending = states.get(request);
  if (pending) return pending;
  const fromMiddleware = middlewareState();
  return fromMiddleware ? Promise.resolve(fromMiddleware) : resolveRequestState(request, getCore());
}

function middlewareState(): AuthKitRequestState | undefined {
  try {
    const context = getGlobalStartContext() as { authkit?: AuthKitRequestState } | undefined;
    return context?.authkit;
  } catch {
    // Called before the global middlewares ran: there is no middleware state yet.
    return undefined;
  }
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
