import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorContext } from '../emulator-context.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  json,
  oauthError,
  stringField,
} from '../http-exchange.js';
import { createSession, issueTokenPair } from '../session-tokens.js';
import {
  exchangePendingAuthentication,
  needsOrganizationSelection,
  ORGANIZATION_SELECTION_GRANT,
  organizationSelectionRequired,
} from './organization-selection.js';

/** `POST /user_management/authenticate`: the `authorization_code`, `refresh_token` and organization-selection grants. */
export function authenticate(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const counters = ctx.stats.authenticate;
  if (
    request.headers.authorization !== undefined &&
    request.headers.authorization !== `Bearer ${ctx.apiKey}`
  ) {
    counters.invalidRequests += 1;
    return json(401, { message: 'Unauthorized' });
  }
  if (request.bodyError) {
    counters.invalidRequests += 1;
    return oauthError('invalid_request', request.bodyError);
  }
  const grantType = stringField(request.body, 'grant_type');
  if (grantType === 'authorization_code') {
    const response = exchangeCode(ctx, request.body);
    if (response.status === 200) counters.authorizationCode.succeeded += 1;
    else if (response.status === 403) counters.authorizationCode.organizationSelectionRequired += 1;
    else counters.authorizationCode.rejected += 1;
    return response;
  }
  if (grantType === ORGANIZATION_SELECTION_GRANT) {
    const response = checkClient(ctx, request.body) ?? exchangePendingAuthentication(ctx, request.body);
    if (response.status === 200) counters.organizationSelection.succeeded += 1;
    else counters.organizationSelection.rejected += 1;
    return response;
  }
  if (grantType === 'refresh_token') {
    const response = exchangeRefreshToken(ctx, request.body);
    if (response.status !== 200) counters.refreshToken.rejected += 1;
    return response;
  }
  counters.invalidRequests += 1;
  if (grantType === undefined)
    return oauthError('invalid_request', 'Missing required parameter: grant_type.');
  return oauthError(
    'unsupported_grant_type',
    `The grant type '${grantType}' is not supported by the emulator.`,
  );
}

function checkClient(ctx: EmulatorContext, body: Record<string, unknown>): EmulatorResponse | null {
  const clientId = stringField(body, 'client_id');
  if (clientId === undefined) return oauthError('invalid_request', 'Missing required parameter: client_id.');
  if (clientId !== ctx.clientId) return oauthError('invalid_client', `Invalid client ID '${clientId}'.`);
  const secret = body.client_secret;
  if (secret !== undefined && secret !== ctx.apiKey)
    return oauthError('invalid_client', 'Invalid client secret.');
  return null;
}

function exchangeCode(ctx: EmulatorContext, body: Record<string, unknown>): EmulatorResponse {
  const clientError = checkClient(ctx, body);
  if (clientError) return clientError;
  const code = stringField(body, 'code');
  if (code === undefined) return oauthError('invalid_request', 'Missing required parameter: code.');
  const record = ctx.state.codes.get(code);
  const invalid = oauthError('invalid_grant', `The code '${code}' has expired or is invalid.`);
  if (!record || record.clientId !== ctx.clientId) return invalid;
  // Single use: the code is spent by any exchange attempt that got this far, as a leaked code must not be retried.
  ctx.state.codes.delete(code);
  if (record.expiresAt <= ctx.now()) return invalid;
  const verifier = stringField(body, 'code_verifier');
  if (record.codeChallenge !== null) {
    if (verifier === undefined) return oauthError('invalid_grant', 'The code verifier is missing.');
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (!safeEqual(computed, record.codeChallenge)) {
      return oauthError('invalid_grant', 'The code verifier does not match the code challenge.');
    }
  } else if (verifier !== undefined) {
    return json(400, {
      code: 'code_challenge_not_found',
      message: 'A code verifier was sent but the authorization request had no code challenge.',
    });
  } else if (body.client_secret === undefined) {
    return oauthError('invalid_client', 'A client secret is required when PKCE is not used.');
  }
  const user = ctx.state.users.get(record.userId);
  if (!user) return invalid;
  if (needsOrganizationSelection(ctx, record)) return organizationSelectionRequired(ctx, user, record);
  return json(
    200,
    createSession(ctx, {
      userId: record.userId,
      organizationId: record.organizationId,
      authenticationMethod: record.authenticationMethod,
      impersonator: record.impersonator,
    }),
  );
}

function exchangeRefreshToken(ctx: EmulatorContext, body: Record<string, unknown>): EmulatorResponse {
  const counters = ctx.stats.authenticate.refreshToken;
  const clientError = checkClient(ctx, body);
  if (clientError) return clientError;
  const token = stringField(body, 'refresh_token');
  if (token === undefined) return oauthError('invalid_request', 'Missing required parameter: refresh_token.');
  const record = ctx.state.refreshTokens.get(token);
  if (!record) return oauthError('invalid_grant', 'Invalid refresh token.');
  const session = ctx.state.sessions.get(record.sessionId);
  if (!session || session.endedAt !== null) return oauthError('invalid_grant', 'Session has already ended.');
  if (record.exchangedAt !== null) {
    const graceMs = ctx.settings.refreshReuseGraceSeconds * 1000;
    if (record.successor && ctx.now() - record.exchangedAt < graceMs) {
      counters.reusedWithinGrace += 1;
      return json(200, record.successor);
    }
    counters.reuseRejected += 1;
    return oauthError('invalid_grant', 'Refresh token already exchanged.');
  }
  const requested = body.organization_id;
  // As WorkOS: a refresh that names no organization returns to the one the session started in,
  // not the previous token's (an earlier switch is not kept), so clients must send it each time.
  let organizationId = session.organizationId;
  if (requested !== undefined && requested !== null && requested !== '') {
    if (typeof requested !== 'string')
      return oauthError('invalid_request', 'organization_id must be a string.');
    if (!ctx.state.organizations.has(requested)) {
      return oauthError('organization_not_found', `Organization not found: '${requested}'.`);
    }
    if (!ctx.state.findActiveMembership(session.userId, requested)) {
      return oauthError(
        'organization_membership_not_found',
        `The user is not a member of the organization '${requested}'.`,
      );
    }
    organizationId = requested;
  }
  // Marked spent before anything else can run: handlers are synchronous, so of concurrent
  // requests for one token exactly one gets here first.
  record.exchangedAt = ctx.now();
  const pair = issueTokenPair(ctx, session, organizationId);
  record.successor = { ...pair };
  counters.succeeded += 1;
  if (organizationId !== record.organizationId) counters.organizationSwitches += 1;
  return json(200, pair);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
