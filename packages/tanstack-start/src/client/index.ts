export { type AuthKitContextValue, AuthKitProvider, useAuth } from './authkit-provider.js';
export { Impersonation } from './impersonation.js';
export { type AccessTokenState, fetchFreshAuth, useAccessToken } from './use-access-token.js';
