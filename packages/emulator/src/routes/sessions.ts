import type { EmulatorContext } from '../emulator-context.js';
import {
  checkApiKey,
  type EmulatorRequest,
  type EmulatorResponse,
  invalidParameters,
  json,
  redirect,
  stringField,
} from '../http-exchange.js';

/**
 * `GET /user_management/sessions/logout?session_id&return_to`: the browser is sent here. Ends
 * the session (its refresh tokens get `invalid_grant`) and redirects to `return_to`, or
 * answers 200 when there is none (WorkOS would use the dashboard's sign-out redirect).
 */
export function logout(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const query = request.url.searchParams;
  const sessionId = stringField(query, 'session_id');
  if (sessionId === undefined) return json(422, { message: 'session_id is required.' });
  const returnTo = stringField(query, 'return_to');
  if (returnTo !== undefined && !isHttpUrl(returnTo)) {
    return json(422, { message: 'return_to must be an absolute http(s) URL.' });
  }
  ctx.state.endSession(sessionId, ctx.now());
  ctx.stats.logouts += 1;
  return returnTo === undefined ? json(200, {}) : redirect(returnTo);
}

/** `POST /user_management/sessions/revoke` with `{ session_id }`: ends the session, answers `{}`. */
export function revokeSession(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  if (request.bodyError) return json(400, { message: request.bodyError });
  const sessionId = stringField(request.body, 'session_id');
  if (sessionId === undefined) return invalidParameters(['session_id']);
  if (!ctx.state.endSession(sessionId, ctx.now()))
    return json(400, { message: `Session not found: '${sessionId}'.` });
  ctx.stats.sessionsRevoked += 1;
  return json(200, {});
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
