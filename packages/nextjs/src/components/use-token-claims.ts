'use client';

import { decodeTokenClaims } from '@authkit-ssr/core/client';
import { useMemo } from 'react';
import { useAccessToken } from './use-access-token.js';

/** The decoded claims of this tab's access token (`{}` until it has one). Not verified: for display. */
export function useTokenClaims<T = Record<string, unknown>>(): Partial<T> & Record<string, unknown> {
  const { accessToken } = useAccessToken();
  return useMemo(() => decodeTokenClaims<T & Record<string, unknown>>(accessToken), [accessToken]);
}
