export type { RecentAuth } from '@authkit-ssr/core';
export type { ClientAuth } from '../client-auth.js';
export type { AccessTokenBody } from '../route-handlers.js';
export { type AuthKitContextValue, AuthKitProvider, type InitialAuth, useAuth } from './authkit-provider.js';
export { Impersonation } from './impersonation.js';
export { type UseAccessTokenReturn, useAccessToken } from './use-access-token.js';
export { useRecentAuth } from './use-recent-auth.js';
export { useTokenClaims } from './use-token-claims.js';
