import { createAuthKit } from './create-authkit.js';

export type { RecentAuth } from '@authkit-ssr/core';
export {
  type AccessTokenClaims,
  /** The claims of an access token (WorkOS's kit calls this type `AccessToken`). */
  type AccessTokenClaims as AccessToken,
  type Auth,
  AuthKitError,
  type AuthKitErrorCode,
  type AuthKitOptions,
  isAuthKitError,
  type RefreshRole,
  type Session,
} from '@authkit-ssr/core';
export type { Impersonator } from '@workos-inc/node';
export type { AuthKitNextOptions } from './app-core.js';
export type { AuthkitOptions, AuthkitResponse } from './authkit.js';
export {
  AUTHKIT_REQUEST_HEADERS,
  type AuthkitHeadersResult,
  type AuthkitRedirectStatus,
  type AuthkitRequestHeader,
  applyResponseHeaders,
  type HandleAuthkitHeadersOptions,
  handleAuthkitHeaders,
  handleAuthkitProxy,
  isAuthkitRequestHeader,
  partitionAuthkitHeaders,
} from './authkit-headers.js';
export type { AuthkitMiddlewareAuth, AuthkitMiddlewareOptions } from './authkit-proxy.js';
export { type ClientAuth, toClientAuth } from './client-auth.js';
export { type AuthKit, createAuthKit } from './create-authkit.js';
export { CallbackError, type CallbackErrorCode, TokenRefreshError } from './errors.js';
export type { PathPattern } from './path-pattern.js';
export type {
  AccessTokenBody,
  HandleAuthOptions,
  HandleAuthSuccessData,
  RouteHandler,
} from './route-handlers.js';
export type {
  SignInUrlOptionsOfKit as GetAuthURLOptions,
  SignInUrlOptionsOfKit as GetSignInUrlOptions,
  SwitchToOrganizationOptions,
} from './session-actions.js';
export type { NoUserInfo, UserInfo } from './user-info.js';
export { getSessionRefresh, type WithAuth, type WithAuthOptions } from './with-auth.js';
export { getFeatureFlagsRuntimeClient, getWorkOS, validateApiKey } from './workos.js';

const authkitApp = createAuthKit();

/** The proxy for `proxy.ts` / `middleware.ts`, configured from `WORKOS_*` variables. See {@link AuthKit.authkitProxy}. */
export const authkitProxy = authkitApp.authkitProxy;
/** {@link authkitProxy} under its Next.js 15 name (`middleware.ts`). */
export const authkitMiddleware = authkitApp.authkitMiddleware;
/** The proxy's work for your own proxy function: `{ session, headers, authorizationUrl }`. See {@link AuthKit.authkit}. */
export const authkit = authkitApp.authkit;
/** The signed-in user of this request, or `{ user: null }`; `{ ensureSignedIn: true }` sends signed-out visitors to sign in. */
export const withAuth = authkitApp.withAuth;
/** The OAuth callback route handler (`export const GET = handleAuth()`). */
export const handleAuth = authkitApp.handleAuth;
/** A route handler that starts a sign-in (`GET ?returnTo=`). */
export const handleSignIn = authkitApp.handleSignIn;
/** The sign-out route handler (`export const POST = handleSignOut()`): same-origin POSTs only. */
export const handleSignOut = authkitApp.handleSignOut;
/** The route handler `AuthKitProvider` and `useAccessToken()` fetch from (the proxy also answers it). */
export const handleAccessToken = authkitApp.handleAccessToken;
/** Signs out from a Server Action: clears the cookie and redirects to WorkOS's logout URL. */
export const signOut = authkitApp.signOut;
/** Switches organization from a Server Action or Route Handler. */
export const switchToOrganization = authkitApp.switchToOrganization;
/** Refreshes the session from a Server Action or Route Handler. */
export const refreshSession = authkitApp.refreshSession;
/** A WorkOS sign-in URL (sets its cookie: Route Handlers and Server Actions). */
export const getSignInUrl = authkitApp.getSignInUrl;
/** A WorkOS sign-up URL (sets its cookie: Route Handlers and Server Actions). */
export const getSignUpUrl = authkitApp.getSignUpUrl;
/** Stores a session from a custom sign-in flow in the session cookie. */
export const saveSession = authkitApp.saveSession;
/** The decoded claims of this request's access token. */
export const getTokenClaims = authkitApp.getTokenClaims;
/** How recently the user authenticated (`auth_time`), for step-up checks. */
export const checkRecentAuth = authkitApp.checkRecentAuth;
