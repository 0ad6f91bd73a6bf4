import { createId, createOpaqueToken } from './create-id.js';
import type { EmulatorContext } from './emulator-context.js';
import type { AuthenticationMethod, Impersonator, SessionRecord } from './emulator-state.js';
import { toWireUser, type WireUser } from './wire-format.js';

/** The claims of an emulator access token (those of a WorkOS AuthKit access token). */
export interface AccessTokenClaims {
  iss: string;
  /** User id. */
  sub: string;
  /** Session id. */
  sid?: string;
  /** The next six are present only when the session is scoped to an organization. */
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
  entitlements?: string[];
  feature_flags?: string[];
  /** Impersonation: the impersonator's email. */
  act?: { sub: string };
  jti: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

/** The body of a successful `POST /user_management/authenticate`. */
export interface AuthenticateResponseBody {
  user: WireUser;
  organization_id?: string;
  access_token: string;
  refresh_token: string;
  authentication_method: AuthenticationMethod;
  impersonator?: Impersonator;
}

/** Parameters of a new session. */
export interface NewSession {
  userId: string;
  organizationId: string | null;
  authenticationMethod: AuthenticationMethod;
  impersonator: Impersonator | null;
  /** Lifetime of this first access token; later refreshes use the emulator's setting. */
  accessTokenTtlSeconds?: number;
}

/** Starts a session and issues its first token pair. */
export function createSession(ctx: EmulatorContext, params: NewSession): AuthenticateResponseBody {
  const session: SessionRecord = {
    id: createId('session'),
    userId: params.userId,
    authenticationMethod: params.authenticationMethod,
    impersonator: params.impersonator,
    organizationId: params.organizationId,
    endedAt: null,
  };
  ctx.state.sessions.set(session.id, session);
  ctx.stats.sessionsCreated += 1;
  const user = ctx.state.users.get(params.userId);
  if (user) {
    user.lastSignInAt = new Date(ctx.now()).toISOString();
  }
  return issueTokenPair(ctx, session, params.organizationId, params.accessTokenTtlSeconds);
}

/** Issues an access token and a fresh refresh token for a session, scoped to `organizationId`. */
export function issueTokenPair(
  ctx: EmulatorContext,
  session: SessionRecord,
  organizationId: string | null,
  accessTokenTtlSeconds: number = ctx.settings.accessTokenTtlSeconds,
): AuthenticateResponseBody {
  const iat = Math.floor(ctx.now() / 1000);
  const accessToken = signSessionAccessToken(ctx, session, organizationId, iat, iat + accessTokenTtlSeconds);
  const user = ctx.state.users.get(session.userId);
  if (!user) throw new Error(`The session's user ${session.userId} no longer exists.`);
  const refreshToken = createOpaqueToken();
  ctx.state.refreshTokens.set(refreshToken, {
    sessionId: session.id,
    organizationId,
    exchangedAt: null,
    successor: null,
  });
  return {
    user: toWireUser(user),
    ...(organizationId ? { organization_id: organizationId } : {}),
    access_token: accessToken,
    refresh_token: refreshToken,
    authentication_method: session.authenticationMethod,
    ...(session.impersonator ? { impersonator: session.impersonator } : {}),
  };
}

/** Signs an access token for a session, with the claims a sign-in or refresh would give it. */
export function signSessionAccessToken(
  ctx: EmulatorContext,
  session: SessionRecord,
  organizationId: string | null,
  iat: number,
  exp: number,
): string {
  const user = ctx.state.users.get(session.userId);
  if (!user) throw new Error(`The session's user ${session.userId} no longer exists.`);
  const claims: AccessTokenClaims = {
    iss: ctx.issuer,
    sub: user.id,
    sid: session.id,
    ...organizationClaims(ctx, user.id, organizationId),
    ...(session.impersonator ? { act: { sub: session.impersonator.email } } : {}),
    jti: createId(''),
    iat,
    exp,
  };
  return ctx.keys.signJwt(claims);
}

/** The organization-scoped claims; empty when there is no organization or no active membership. */
export function organizationClaims(
  ctx: EmulatorContext,
  userId: string,
  organizationId: string | null,
): Partial<AccessTokenClaims> {
  if (!organizationId) return {};
  const membership = ctx.state.findActiveMembership(userId, organizationId);
  const org = ctx.state.organizations.get(organizationId);
  if (!membership || !org) return {};
  return {
    org_id: organizationId,
    role: membership.roleSlugs[0],
    roles: membership.roleSlugs,
    permissions: ctx.state.permissionsFor(membership.roleSlugs),
    entitlements: org.entitlements,
    feature_flags: org.featureFlags,
  };
}
