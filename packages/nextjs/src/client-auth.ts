import type { Auth } from '@authkit-ssr/core';

/**
 * The part of {@link Auth} that may go to the browser: everything but the access token and the raw
 * claims. Pass it to `AuthKitProvider`; `useAccessToken()` fetches the token when it is needed.
 */
export type ClientAuth = Omit<Auth, 'accessToken' | 'claims'>;

/** Strips the access token and raw claims from an {@link Auth} for client components. */
export function toClientAuth(auth: Auth<object> | null): ClientAuth | null {
  if (!auth) return null;
  const { accessToken: _accessToken, claims: _claims, ...rest } = auth;
  return rest;
}
