import { createAuthKit } from './create-authkit.js';

export {
  type AccessTokenClaims,
  type Auth,
  AuthKitError,
  type AuthKitErrorCode,
  type AuthKitOptions,
  isAuthKitError,
  type RefreshRole,
  type Session,
} from '@authkit-ssr/core';
export type { AuthKitNextOptions } from './app-core.js';
export type { AuthKitProxyOptions } from './authkit-proxy.js';
export { type ClientAuth, toClientAuth } from './client-auth.js';
export { type AuthKit, createAuthKit } from './create-authkit.js';
export type { PathPattern } from './path-pattern.js';
export type { AccessTokenBody, RouteHandler } from './route-handlers.js';
export type { SignInLinkOptions } from './session-actions.js';
export { getSessionRefresh, type WithAuth, type WithAuthOptions } from './with-auth.js';

const authkit = createAuthKit();

/** The proxy for `proxy.ts` / `middleware.ts`, configured from `WORKOS_*` variables. See {@link AuthKit.authkitProxy}. */
export const authkitProxy = authkit.authkitProxy;
/** The signed-in user of this request, or `null`; `{ ensureSignedIn: true }` redirects signed-out visitors to sign-in. */
export const withAuth = authkit.withAuth;
/** The OAuth callback route handler (`export const GET = handleAuth()`). */
export const handleAuth = authkit.handleAuth;
/** The route handler that starts a sign-in (`GET ?returnTo=`). */
export const handleSignIn = authkit.handleSignIn;
/** The sign-out route handler (`export const POST = handleSignOut()`). */
export const handleSignOut = authkit.handleSignOut;
/** The route handler `useAccessToken()` fetches the access token from. */
export const handleAccessToken = authkit.handleAccessToken;
/** Signs out from a Server Action: clears the cookie and redirects to WorkOS's logout URL. */
export const signOut = authkit.signOut;
/** Switches organization from a Server Action or Route Handler. */
export const switchToOrganization = authkit.switchToOrganization;
/** Refreshes the session from a Server Action or Route Handler. */
export const refreshSession = authkit.refreshSession;
/** A link to the sign-in route with these options. */
export const getSignInUrl = authkit.getSignInUrl;
/** A link to the sign-in route on the sign-up screen. */
export const getSignUpUrl = authkit.getSignUpUrl;
