import type { Auth } from '@authkit-ssr/core';

/**
 * A signed-in user as `withAuth()` and `authkit()` return it: WorkOS's kit's `UserInfo` fields
 * (`user`, `sessionId`, `organizationId`, `role`, `roles`, `permissions`, `entitlements`,
 * `featureFlags`, `impersonator`, `accessToken`) plus `accessTokenExpiresAt` and the verified `claims`.
 */
export type UserInfo<TClaims extends object = Record<string, unknown>> = Auth<TClaims>;

/** A signed-out visitor: `user` is `null` and every other field is absent, so `const { user } = await withAuth()` works. */
export interface NoUserInfo {
  user: null;
  sessionId?: undefined;
  organizationId?: undefined;
  role?: undefined;
  roles?: undefined;
  permissions?: undefined;
  entitlements?: undefined;
  featureFlags?: undefined;
  impersonator?: undefined;
  accessToken?: undefined;
  accessTokenExpiresAt?: undefined;
  claims?: undefined;
}

export const NO_USER: NoUserInfo = Object.freeze({ user: null }) as NoUserInfo;

/** The kit's result shape from our `Auth | null`. */
export function toUserInfo<TClaims extends object>(
  auth: Auth<TClaims> | null,
): UserInfo<TClaims> | NoUserInfo {
  return auth ?? NO_USER;
}
