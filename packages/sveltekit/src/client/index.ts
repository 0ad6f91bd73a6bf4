export {
  type AccessTokenClient,
  type AccessTokenClientOptions,
  createAccessTokenClient,
  getAccessToken,
} from './access-token.js';
