import type { Impersonator, User } from '@workos-inc/node';
import type { AccessTokenClaims } from './access-token.js';
import type { Session } from './session.js';

/**
 * A signed-in user as the app sees them. `null` stands for signed out.
 * `TClaims` types custom claims added to the access token (JWT templates).
 */
export interface Auth<TClaims extends object = Record<never, never>> {
  user: User;
  sessionId: string;
  organizationId: string | undefined;
  role: string | undefined;
  roles: string[];
  permissions: string[];
  entitlements: string[];
  featureFlags: string[];
  impersonator: Impersonator | undefined;
  accessToken: string;
  accessTokenExpiresAt: Date;
  claims: AccessTokenClaims & TClaims;
}

export function buildAuth<TClaims extends object>(
  session: Session,
  claims: AccessTokenClaims,
): Auth<TClaims> {
  return {
    user: session.user,
    sessionId: claims.sid,
    organizationId: claims.org_id,
    role: claims.role,
    roles: claims.roles ?? (claims.role ? [claims.role] : []),
    permissions: claims.permissions ?? [],
    entitlements: claims.entitlements ?? [],
    featureFlags: claims.feature_flags ?? [],
    impersonator: session.impersonator,
    accessToken: session.accessToken,
    accessTokenExpiresAt: new Date(claims.exp * 1000),
    claims: claims as AccessTokenClaims & TClaims,
  };
}
