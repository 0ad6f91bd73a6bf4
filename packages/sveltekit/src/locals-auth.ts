import { type Auth, toClientAuth } from '@authkit-ssr/core';

/** `locals.auth` of a signed-out request: the same fields as {@link Auth}, all empty. */
export interface SignedOutAuth {
  user: null;
  sessionId: undefined;
  organizationId: undefined;
  role: undefined;
  roles: string[];
  permissions: string[];
  entitlements: string[];
  featureFlags: string[];
  impersonator: undefined;
  accessToken: undefined;
  accessTokenExpiresAt: undefined;
  claims: undefined;
}

/**
 * `event.locals.auth`, as in `@workos/authkit-sveltekit`: never `null`; `user` is `null` when
 * signed out. `if (locals.auth.user)` narrows it to the signed-in {@link Auth}.
 */
export type AuthKitAuth<TClaims extends object = Record<never, never>> = Auth<TClaims> | SignedOutAuth;

/**
 * `locals.auth` for `auth`: plain JSON-safe data (core's client copy, an own `__proto__` key in user
 * metadata included) plus the access token, so that a load may return `locals.auth.user` as is.
 */
export function toLocalsAuth<TClaims extends object>(auth: Auth<TClaims> | null): AuthKitAuth<TClaims> {
  const client = toClientAuth(auth);
  if (auth && client) return { ...client, accessToken: auth.accessToken };
  return {
    user: null,
    sessionId: undefined,
    organizationId: undefined,
    role: undefined,
    roles: [],
    permissions: [],
    entitlements: [],
    featureFlags: [],
    impersonator: undefined,
    accessToken: undefined,
    accessTokenExpiresAt: undefined,
    claims: undefined,
  };
}

/**
 * Puts `locals.auth` for `auth` on `locals`, copied on its first read: a request that never reads
 * it (a public endpoint, an asset) does not pay for the copy of the user data. Reading, writing,
 * spreading, `in` and `JSON.stringify` see an ordinary property holding the same value as before.
 */
export function setLocalsAuth(locals: object, auth: Auth | null): void {
  Object.defineProperty(locals, 'auth', {
    configurable: true,
    enumerable: true,
    get() {
      const value = toLocalsAuth(auth);
      defineAuth(locals, value);
      return value;
    },
    set(value: unknown) {
      defineAuth(locals, value);
    },
  });
}

function defineAuth(locals: object, value: unknown): void {
  Object.defineProperty(locals, 'auth', { value, writable: true, configurable: true, enumerable: true });
}
