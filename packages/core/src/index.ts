export type { AccessTokenClaims } from './access-token.js';
export type { Auth } from './auth.js';
export type {
  AccessTokenRouteBody,
  AccessTokenRouteOptions,
  AuthRouteResult,
  CallbackRouteOptions,
  SignInRouteOptions,
  SignOutRouteOptions,
} from './auth-routes.js';
export {
  type AuthenticateOptions,
  type AuthenticateResult,
  AuthKitCore,
  type CallbackHooks,
  type CallbackLanding,
  type CallbackOutcome,
  type CallbackResult,
  type OrganizationSelection,
  type RequestLike,
  type SignInUrlOptions,
  sessionIssuedAt,
} from './authkit-core.js';
export { applySessionCacheHeaders, SESSION_CACHE_HEADERS } from './cache-headers.js';
export { evaluateRecentAuth, type RecentAuth } from './client/recent-auth.js';
export { type ClientAuth, toClientAuth } from './client-auth.js';
export {
  applySetCookiesToCookieHeader,
  type CookieAttributes,
  type ParsedSetCookie,
  parseCookieHeader,
  parseSetCookie,
  serializeCookieHeader,
  serializeSetCookie,
} from './cookie-header.js';
export { ENV_VARIABLES, optionsFromEnv } from './env.js';
export { type AuthErrorResponseOptions, authErrorResponse } from './error-response.js';
export { AuthKitError, type AuthKitErrorCode, isAuthKitError } from './errors.js';
export { type FreshAccessTokenOptions, getFreshAccessToken } from './fresh-access-token.js';
export { toJsonSafe } from './json-safe.js';
export type { AuthKitLogger } from './logger.js';
export type { AuthKitMetrics } from './metrics.js';
export { isDocumentNavigation, navigationRequiredResponse } from './navigation.js';
export {
  type AuthKitOptions,
  type CookieSameSite,
  DEFAULTS,
  MAX_REFRESH_REPLAY_SECONDS,
  type RefreshFailureCallback,
  type RefreshSuccessCallback,
  type ResolvedOptions,
} from './options.js';
export { ORGANIZATION_SELECTION_PARAM, type OrganizationChoice } from './organization-selection.js';
export { DEMO_SINGLE_FLIGHT_HEADER, type DemoStats } from './race-demo.js';
export { redirectResponse } from './redirect-response.js';
export { refreshKey } from './refresh.js';
export {
  createInProcessRefreshCoordinator,
  type InProcessRefreshCoordinatorOptions,
  type RefreshCoordinator,
  type RefreshOutcome,
  type RefreshResult,
  type RefreshRole,
  type RefreshRunContext,
} from './refresh-coordinator.js';
export { getAuthKitCore } from './registry.js';
export {
  applySessionChange,
  createRequestAuthState,
  type RequestAuthState,
  type SessionChange,
} from './request-auth-state.js';
export { isSameOriginRequest } from './same-origin.js';
export { type Session, sealSession, unsealSession } from './session.js';
export { createSingleFlight, type SingleFlight } from './single-flight.js';
export {
  type AuthorizationUrlParams,
  createWorkOSApi,
  type WorkOSApi,
  type WorkOSApiOptions,
  type WorkOSAuthentication,
  WorkOSRequestError,
} from './workos-api.js';
