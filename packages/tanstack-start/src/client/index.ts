export { type AuthKitContextValue, AuthKitProvider, useAuth } from './authkit-provider.js';
export { Impersonation } from './impersonation.js';
export { type AccessTokenState, useAccessToken } from './use-access-token.js';
