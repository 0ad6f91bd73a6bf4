'use client';

import { useMemo } from 'react';
import { useAccessToken } from './use-access-token.js';

/** The decoded claims of this tab's access token (`{}` until it has one). Not verified: for display. */
export function useTokenClaims<T = Record<string, unknown>>(): Partial<T> & Record<string, unknown> {
  const { accessToken } = useAccessToken();
  return useMemo(() => {
    if (!accessToken) return {};
    try {
      const payload = (accessToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)) as Partial<T> & Record<string, unknown>;
    } catch {
      return {};
    }
  }, [accessToken]);
}
