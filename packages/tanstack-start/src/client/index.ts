// @authkit-ssr/tanstack-start/client: the client API of @workos/authkit-tanstack-react-start.
export { getAuthAction } from '../actions.js';
export { AuthKitProvider, useAuth } from './authkit-provider.js';
export { Impersonation, type ImpersonationProps } from './impersonation.js';
export type { JWTPayload, TokenClaims } from './jwt.js';
export type { AuthContextType, AuthKitProviderProps, UseAccessTokenReturn } from './types.js';
export { useAccessToken } from './use-access-token.js';
export { useRecentAuth } from './use-recent-auth.js';
export { useTokenClaims } from './use-token-claims.js';
