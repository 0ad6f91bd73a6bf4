import type { Impersonator, User } from '@workos-inc/node';
import type { AccessTokenClaims } from './access-token.js';
import type { Auth } from './auth.js';
import { toJsonSafe } from './json-safe.js';

/**
 * The part of {@link Auth} that may reach the browser (page data, provider props, hooks):
 * everything but the access token, as plain JSON-safe data. The access token reaches the browser
 * only through the access-token route, when client code asks for it.
 */
export type ClientAuth<TClaims extends object = Record<never, never>> = Omit<Auth<TClaims>, 'accessToken'>;

/**
 * The one way adapters turn an {@link Auth} into data for the browser: drops the access token and
 * copies user data into plain objects (an own `__proto__` key in `user.metadata` never breaks
 * serialization). `null` stays `null`.
 */
export function toClientAuth<TClaims extends object>(auth: Auth<TClaims> | null): ClientAuth<TClaims> | null {
  if (!auth) return null;
  const { accessToken: _accessToken, ...rest } = auth;
  return {
    ...rest,
    user: toJsonSafe(rest.user) as User,
    impersonator:
      rest.impersonator === undefined ? undefined : (toJsonSafe(rest.impersonator) as Impersonator),
    claims: toJsonSafe(rest.claims) as AccessTokenClaims & TClaims,
  };
}
