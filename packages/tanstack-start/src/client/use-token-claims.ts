import { useMemo } from 'react';
import { decodeTokenClaims, type TokenClaims } from './jwt.js';
import { useAccessToken } from './use-access-token.js';

/**
 * The claims of the current access token, decoded (the server verified it), with your custom
 * claims typed: `useTokenClaims<{ plan: string }>()`. `{}` while there is no token.
 */
export function useTokenClaims<T = Record<string, unknown>>(): TokenClaims<T> {
  const { accessToken } = useAccessToken();
  return useMemo(() => decodeTokenClaims<T>(accessToken), [accessToken]);
}
