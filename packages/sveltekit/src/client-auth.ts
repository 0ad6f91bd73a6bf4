import { type Auth, type ClientAuth, toClientAuth as toCoreClientAuth } from '@authkit-ssr/core';
import type { AuthKitAuth } from './locals-auth.js';

export type { ClientAuth };

/**
 * What a load may hand the browser of `locals.auth`: everything but the access token, as plain
 * JSON-safe data; `null` when signed out. Core's `toClientAuth`, taking `locals.auth` as is.
 *
 * @example
 * ```ts
 * // src/routes/+layout.server.ts
 * export const load = ({ locals }) => ({ auth: toClientAuth(locals.auth) });
 * ```
 */
export function toClientAuth<TClaims extends object>(
  auth: AuthKitAuth<TClaims> | Auth<TClaims> | null,
): ClientAuth<TClaims> | null {
  return toCoreClientAuth(auth?.user ? (auth as Auth<TClaims>) : null);
}
