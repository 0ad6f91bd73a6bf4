export {
  type AccessToken,
  type AccessTokenClient,
  type AccessTokenClientOptions,
  type AccessTokenRouteBody,
  accessTokenOf,
  createAccessTokenClient,
  fetchAccessTokenRoute,
} from './access-token-client.js';
export { evaluateRecentAuth, type RecentAuth } from './recent-auth.js';
export { decodeTokenClaims } from './token-claims.js';
