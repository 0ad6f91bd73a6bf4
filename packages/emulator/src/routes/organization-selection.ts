import { createOpaqueToken } from '../create-id.js';
import type { EmulatorContext } from '../emulator-context.js';
import type { AuthorizationCodeRecord, UserRecord } from '../emulator-state.js';
import { type EmulatorResponse, json, oauthError, stringField } from '../http-exchange.js';
import { createSession } from '../session-tokens.js';
import { toWireUser } from '../wire-format.js';

/** The grant that finishes a sign-in paused by `organization_selection_required`. */
export const ORGANIZATION_SELECTION_GRANT = 'urn:workos:oauth:grant-type:organization-selection';

/**
 * Whether a code exchange must pause for the user to pick an organization: the setting or the
 * user's seed flag asks for it, authorize named no organization, and there are two or more to pick from.
 */
export function needsOrganizationSelection(ctx: EmulatorContext, code: AuthorizationCodeRecord): boolean {
  if (code.organizationRequested) return false;
  if (!ctx.settings.organizationSelection && !ctx.state.organizationSelectionUsers.has(code.userId))
    return false;
  return ctx.state.activeMemberships(code.userId).length >= 2;
}

/** Pauses the sign-in: 403 `organization_selection_required` with a fresh pending token. */
export function organizationSelectionRequired(
  ctx: EmulatorContext,
  user: UserRecord,
  code: AuthorizationCodeRecord,
): EmulatorResponse {
  const token = createOpaqueToken(24);
  ctx.state.pendingAuthentications.set(token, {
    userId: user.id,
    authenticationMethod: code.authenticationMethod,
    impersonator: code.impersonator,
    expiresAt: ctx.now() + ctx.pendingAuthenticationTtlSeconds * 1000,
  });
  const organizations = ctx.state.activeMemberships(user.id).flatMap((membership) => {
    const org = ctx.state.organizations.get(membership.organizationId);
    return org ? [{ id: org.id, name: org.name }] : [];
  });
  return json(403, {
    code: 'organization_selection_required',
    message: 'The user must choose an organization to finish signing in.',
    pending_authentication_token: token,
    user: toWireUser(user),
    organizations,
  });
}

/**
 * The organization-selection grant: `pending_authentication_token` + `organization_id`. A
 * pending token is single use (spent by the sign-in it finishes) and expires; a refused
 * organization leaves it usable, so the user can pick again.
 */
export function exchangePendingAuthentication(
  ctx: EmulatorContext,
  body: Record<string, unknown>,
): EmulatorResponse {
  if (body.client_secret === undefined) {
    return oauthError('invalid_client', 'A client secret is required for organization selection.');
  }
  const token = stringField(body, 'pending_authentication_token');
  if (token === undefined) {
    return oauthError('invalid_request', 'Missing required parameter: pending_authentication_token.');
  }
  const organizationId = stringField(body, 'organization_id');
  if (organizationId === undefined) {
    return oauthError('invalid_request', 'Missing required parameter: organization_id.');
  }
  const pending = ctx.state.pendingAuthentications.get(token);
  if (!pending || pending.expiresAt <= ctx.now() || !ctx.state.users.has(pending.userId)) {
    ctx.state.pendingAuthentications.delete(token);
    return json(400, {
      code: 'invalid_pending_authentication_token',
      message: 'The pending authentication token is invalid, expired or already used.',
    });
  }
  if (!ctx.state.organizations.has(organizationId)) {
    return oauthError('organization_not_found', `Organization not found: '${organizationId}'.`);
  }
  if (!ctx.state.findActiveMembership(pending.userId, organizationId)) {
    return oauthError(
      'organization_membership_not_found',
      `The user is not a member of the organization '${organizationId}'.`,
    );
  }
  ctx.state.pendingAuthentications.delete(token);
  return json(
    200,
    createSession(ctx, {
      userId: pending.userId,
      organizationId,
      authenticationMethod: pending.authenticationMethod,
      impersonator: pending.impersonator,
    }),
  );
}
