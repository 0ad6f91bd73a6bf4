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
export {
  type ClientAuth,
  type GetSignInUrlOptions,
  getSignInUrl,
  getSignUpUrl,
  refreshSession,
  requireAuth,
  signOut,
  switchToOrganization,
  toClientAuth,
} from './auth.js';
export { type AuthKitEnvVar, authkitEnvVars } from './env.js';
export { type AuthKitHandleOptions, authkitHandle } from './handle.js';
export { type AuthKitEvent, type AuthKitLocals, type AuthState, getAuthState } from './request-state.js';
export {
  type AuthKitRequestHandler,
  type CallbackHooks,
  handleAccessTokenRoute,
  handleCallbackRoute,
  handleSignInRoute,
  handleSignOutRoute,
} from './routes.js';
