import type { EmulatorContext } from './emulator-context.js';
import { signSessionAccessToken } from './session-tokens.js';

/** Options of {@link Emulator.issueAccessToken}. */
export interface IssueAccessTokenOptions {
  /** The session the token belongs to (`IssuedSession.sessionId`, or the `sid` claim of one of its tokens). */
  sessionId: string;
  /**
   * Seconds until the token expires; negative for a token that has already expired. Default:
   * the emulator's `accessTokenTtlSeconds`. The token looks like one issued earlier with the
   * normal lifetime: `iat` is `exp - accessTokenTtlSeconds`.
   */
  expiresInSeconds?: number;
  /** Organization to scope it to; `null` for none. Default: the session's current organization. */
  organizationId?: string | null;
}

/**
 * Signs an access token for an existing session, with the claims a refresh would give it
 * (`sid`, organization claims, `act`). It does not touch the session's refresh tokens.
 * @throws TypeError for an unknown session, an invalid `expiresInSeconds`, or an organization the user is not an active member of.
 */
export function issueAccessToken(ctx: EmulatorContext, options: IssueAccessTokenOptions): string {
  const session =
    typeof options?.sessionId === 'string' ? ctx.state.sessions.get(options.sessionId) : undefined;
  if (!session) throw new TypeError(`Unknown session: ${String(options?.sessionId)}.`);
  const { expiresInSeconds } = options;
  if (expiresInSeconds !== undefined && !Number.isFinite(expiresInSeconds)) {
    throw new TypeError('expiresInSeconds must be a number.');
  }
  const organizationId =
    options.organizationId === undefined
      ? ctx.state.sessionOrganizationId(session.id)
      : options.organizationId;
  if (organizationId !== null && !ctx.state.findActiveMembership(session.userId, organizationId)) {
    throw new TypeError(`The session's user is not an active member of organization ${organizationId}.`);
  }
  const now = Math.floor(ctx.now() / 1000);
  const exp = now + (expiresInSeconds ?? ctx.settings.accessTokenTtlSeconds);
  return signSessionAccessToken(ctx, session, organizationId, exp - ctx.settings.accessTokenTtlSeconds, exp);
}
