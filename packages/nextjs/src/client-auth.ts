import type { Auth } from '@authkit-ssr/core';
import type { NoUserInfo } from './user-info.js';

/**
 * The part of {@link Auth} that may go to the browser: everything but the access token and the raw
 * claims. Pass it to `AuthKitProvider`'s `initialAuth`; `useAccessToken()` fetches the token when needed.
 */
export type ClientAuth = Omit<Auth, 'accessToken' | 'claims'>;

/** Strips the access token and raw claims from `withAuth()`'s result for client components; `null` when signed out. */
export function toClientAuth(auth: Auth<object> | NoUserInfo | null): ClientAuth | null {
  if (!auth?.user) return null;
  const { accessToken: _accessToken, claims: _claims, ...rest } = auth as Auth<object>;
  return rest;
}
