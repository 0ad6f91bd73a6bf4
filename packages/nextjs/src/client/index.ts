export type { ClientAuth } from '../client-auth.js';
export type { AccessTokenBody } from '../route-handlers.js';
export { type AuthKitContextValue, AuthKitProvider, useAuth } from './authkit-provider.js';
export { Impersonation } from './impersonation.js';
export { type AccessTokenState, useAccessToken } from './use-access-token.js';
