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
export type { Impersonator, User } from '@workos-inc/node';
export {
  type AuthenticatedHandler,
  authKit,
  type LocalsSignedInAuth,
  type SignInOptions,
  switchOrganizationInPlace,
} from './auth-kit.js';
export { type ClientAuth, toClientAuth } from './client-auth.js';
export { type AuthKitConfig, configureAuthKit } from './config.js';
export { type AuthKitEnvVar, authkitEnvVars } from './env.js';
export { type AuthKitHandle, type AuthKitHandleOptions, authKitHandle } from './handle.js';
export type { AuthKitAuth, SignedOutAuth } from './locals-auth.js';
export { type AuthKitEvent, type AuthKitLocals, type AuthState, getAuthState } from './request-state.js';
export {
  type AccessTokenRouteOptions,
  type AuthKitRequestHandler,
  type CallbackRouteOptions,
  handleAccessTokenRoute,
  handleCallbackRoute,
  handleSignInRoute,
  handleSignOutRoute,
  type SignInRouteOptions,
  type SignOutRouteOptions,
} from './routes.js';
