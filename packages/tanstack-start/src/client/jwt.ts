import { decodeTokenClaims as decodeJwtPayload } from '@authkit-ssr/core/client';

/** The claims of a WorkOS access token. */
export interface JWTPayload {
  sid: string;
  iss: string;
  sub: string;
  aud?: string | string[];
  exp: number;
  iat: number;
  jti: string;
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
  entitlements?: string[];
  feature_flags?: string[];
  /** When the user last signed in, epoch seconds. */
  auth_time?: number;
}

/** Standard claims plus your custom ones, all optional (the token may be absent). */
export type TokenClaims<T> = Partial<JWTPayload & T>;

/**
 * The payload of a JWT, decoded, not verified: for display in the browser. The server verifies.
 * @returns `{}` when `token` is not a readable JWT.
 */
export function decodeTokenClaims<T>(token: string | undefined): TokenClaims<T> {
  return decodeJwtPayload<JWTPayload & T>(token);
}
