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

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * The payload of a JWT, decoded, not verified: for display in the browser. The server verifies.
 * @returns `{}` when `token` is not a readable JWT.
 */
export function decodeTokenClaims<T>(token: string | undefined): TokenClaims<T> {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const claims = decodeSegment(payload);
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims<T>) : {};
  } catch {
    return {};
  }
}
