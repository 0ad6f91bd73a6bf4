export {
  type AccessTokenClaims,
  type Auth,
  AuthKitError,
  type AuthKitErrorCode,
  type AuthKitOptions,
  isAuthKitError,
  type Session,
} from '@authkit-ssr/core';
export { type EnsureSignedInOptions, ensureSignedIn } from './ensure-signed-in.js';
export { authkitFunctionMiddleware, authkitMiddleware } from './middleware.js';
export type { AuthKitRequestState, RefreshOutcome } from './request-state.js';
export {
  type CallbackHooks,
  handleCallbackRoute,
  handleSignInRoute,
  handleSignOutRoute,
  type ServerRouteHandler,
} from './route-handlers.js';
export {
  type ClientAuth,
  getAccessToken,
  getAuth,
  getSignInUrl,
  getSignUpUrl,
  type JsonValue,
  type RefreshedAuth,
  refreshSession,
  type SignInUrlInput,
  signOut,
  switchToOrganization,
  toClientAuth,
} from './server-functions.js';
