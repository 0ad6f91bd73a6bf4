import { type AccessTokenClaims, type Auth, type Session, toClientAuth } from '@authkit-ssr/core';

type User = Session['user'];
type Impersonator = NonNullable<Session['impersonator']>;

/** A JSON value, as access-token claims hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/** Custom access-token claims (JWT templates), as the browser receives them. */
export type CustomClaims = { [claim: string]: JsonValue | undefined };

/**
 * The signed-in user as `getAuth()` returns it. `accessToken` is there only when the middleware was
 * created with `exposeAccessToken: true`; by default the token reaches the browser only through
 * `useAccessToken()`. `claims` (our addition) are the verified access-token claims, typed with `TClaims`.
 */
export interface UserInfo<TClaims extends object = CustomClaims> {
  user: User;
  sessionId: string;
  organizationId?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
  entitlements?: string[];
  featureFlags?: string[];
  impersonator?: Impersonator;
  accessToken?: string;
  claims: AccessTokenClaims & TClaims;
}

/** `getAuth()` when nobody is signed in. */
export interface NoUserInfo {
  user: null;
}

/** What the browser may hold: `UserInfo` without the access token. */
export type ClientUserInfo<TClaims extends object = CustomClaims> = Omit<UserInfo<TClaims>, 'accessToken'>;

/**
 * The request's auth as the server sees it (`getAuthKitContext().auth()`): with both tokens.
 * Never return it from a server function.
 */
export type AuthResult<TClaims extends object = CustomClaims> =
  | NoUserInfo
  | (ClientUserInfo<TClaims> & { accessToken: string; refreshToken: string });

/** `auth` in the kit's shape, as plain JSON-safe data, without the access token unless `includeAccessToken`. */
export function toUserInfo<TClaims extends object = CustomClaims>(
  auth: Auth | null,
  { includeAccessToken = false }: { includeAccessToken?: boolean } = {},
): UserInfo<TClaims> | NoUserInfo {
  const client = toClientAuth(auth);
  if (!auth || !client) return { user: null };
  const info: UserInfo<TClaims> = {
    user: client.user,
    sessionId: client.sessionId,
    roles: client.roles,
    permissions: client.permissions,
    entitlements: client.entitlements,
    featureFlags: client.featureFlags,
    claims: client.claims as AccessTokenClaims & TClaims,
  };
  if (client.organizationId !== undefined) info.organizationId = client.organizationId;
  if (client.role !== undefined) info.role = client.role;
  if (client.impersonator) info.impersonator = client.impersonator;
  if (includeAccessToken) info.accessToken = auth.accessToken;
  return info;
}

/** The request's auth with both tokens, for server code. */
export function toAuthResult<TClaims extends object = CustomClaims>(
  auth: Auth | null,
  session: Session | null,
): AuthResult<TClaims> {
  if (!auth || !session) return { user: null };
  const { accessToken: _omitted, ...info } = toUserInfo<TClaims>(auth) as UserInfo<TClaims>;
  return { ...info, accessToken: auth.accessToken, refreshToken: session.refreshToken };
}
