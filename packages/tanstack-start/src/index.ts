// The API of @workos/authkit-tanstack-react-start, plus our additions (marked in their docs).

export type { RecentAuth } from '@authkit-ssr/core';
export {
  type AccessTokenClaims,
  type Auth,
  AuthKitError,
  type AuthKitErrorCode,
  type AuthKitOptions,
  isAuthKitError,
  type Session,
} from '@authkit-ssr/core';
export {
  checkSessionAction,
  getAccessTokenAction,
  getAuthAction,
  refreshAccessTokenAction,
  refreshAuthAction,
  switchToOrganizationAction,
} from './actions.js';
export { type AuthKitContext, getAuthKitContext, getAuthKitContextOrNull } from './context.js';
export { type EnsureSignedInOptions, ensureSignedIn } from './ensure-signed-in.js';
export { type AuthKitMiddlewareOptions, authkitFunctionMiddleware, authkitMiddleware } from './middleware.js';
export type { AuthKitRequestState, RefreshOutcome } from './request-state.js';
export {
  type HandleAuthSuccessData,
  type HandleCallbackOptions,
  handleAccessTokenRoute,
  handleCallbackRoute,
  handleSignInRoute,
  handleSignOutRoute,
  type OauthTokens,
  type ServerRouteHandler,
} from './route-handlers.js';
export {
  type AccessTokenResult,
  checkRecentAuth,
  getAccessToken,
  getAuth,
  getAuthorizationUrl,
  getSignInUrl,
  getSignUpUrl,
  type RefreshedAuth,
  refreshSession,
  signOut,
  switchToOrganization,
} from './server-functions.js';
export type { GetAuthURLOptions, SignInUrlOptions } from './sign-in-url.js';
export type {
  AuthResult,
  ClientUserInfo,
  CustomClaims,
  JsonValue,
  NoUserInfo,
  UserInfo,
} from './user-info.js';

/** The WorkOS user, as `@workos-inc/node` returns it. */
export type User = import('@authkit-ssr/core').Session['user'];
/** The WorkOS admin impersonating the user, when one is. */
export type Impersonator = NonNullable<import('@authkit-ssr/core').Session['impersonator']>;
/** The access-token claims every WorkOS token carries (the kit's name). */
export type BaseTokenClaims = import('@authkit-ssr/core').AccessTokenClaims;
