import {
  type Auth,
  type ClientAuth as CoreClientAuth,
  toClientAuth as toCoreClientAuth,
} from '@authkit-ssr/core';
import type { NoUserInfo } from './user-info.js';

/**
 * The part of {@link Auth} that may go to the browser: everything but the access token, as plain
 * JSON-safe data. Pass it to `AuthKitProvider`'s `initialAuth`; `useAccessToken()` fetches the token.
 */
export type ClientAuth<TClaims extends object = Record<string, unknown>> = CoreClientAuth<TClaims>;

/** `withAuth()`'s result for client components (core's `toClientAuth`); `null` when signed out. */
export function toClientAuth<TClaims extends object>(
  auth: Auth<TClaims> | NoUserInfo | null,
): ClientAuth<TClaims> | null {
  return toCoreClientAuth(auth?.user ? (auth as Auth<TClaims>) : null);
}
