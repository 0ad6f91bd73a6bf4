import { getGlobalStartContext } from '@tanstack/react-start';
import type { AuthKitRequestState } from './request-state.js';
import { type AuthResult, type CustomClaims, toAuthResult } from './user-info.js';

/** What `authkitMiddleware` puts in the request context for server functions and later middleware. */
export interface AuthKitContext<TClaims extends object = CustomClaims> {
  /** The request's auth: the newest session when something in this request refreshed it. */
  auth: () => AuthResult<TClaims>;
  /** The incoming request. */
  request: Request;
  /** The callback URL sign-ins of this request use. */
  redirectUri?: string;
}

/** The middleware's context entries (ours: `authkit` is the request state). */
export function createAuthKitContext(request: Request, state: AuthKitRequestState) {
  return {
    auth: () => toAuthResult(state.auth, state.session),
    request,
    redirectUri: state.redirectUri,
    authkit: state,
  };
}

const NOT_CONFIGURED = `AuthKit middleware is not configured: register authkitMiddleware() in src/start.ts:

export const startInstance = createStart(() => ({ requestMiddleware: [authkitMiddleware()] }));`;

/**
 * The AuthKit context of the current request, for your own server functions and middleware.
 * @throws {Error} when `authkitMiddleware` is not registered.
 */
export function getAuthKitContext<TClaims extends object = CustomClaims>(): AuthKitContext<TClaims> {
  const context = getAuthKitContextOrNull<TClaims>();
  if (!context) throw new Error(NOT_CONFIGURED);
  return context;
}

/** Like {@link getAuthKitContext}, `null` outside a request or without the middleware. */
export function getAuthKitContextOrNull<
  TClaims extends object = CustomClaims,
>(): AuthKitContext<TClaims> | null {
  try {
    const context = getGlobalStartContext() as Partial<AuthKitContext<TClaims>> | undefined;
    return context?.auth && context.request ? (context as AuthKitContext<TClaims>) : null;
  } catch {
    // No request in flight (or called after the middleware chain finished).
    return null;
  }
}
