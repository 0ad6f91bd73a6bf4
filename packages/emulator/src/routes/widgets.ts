import { createId } from '../create-id.js';
import type { EmulatorContext } from '../emulator-context.js';
import {
  checkApiKey,
  type EmulatorRequest,
  type EmulatorResponse,
  invalidParameters,
  json,
  stringField,
} from '../http-exchange.js';

const WIDGET_TOKEN_TTL_SECONDS = 3600;

/** `POST /widgets/token` with `{ user_id, organization_id?, scopes? }`: 201 `{ token }`, a JWT signed by the emulator. */
export function createWidgetToken(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  if (request.bodyError) return json(400, { message: request.bodyError });
  const userId = stringField(request.body, 'user_id');
  if (userId === undefined) return invalidParameters(['user_id']);
  if (!ctx.state.users.has(userId)) return json(404, { message: `User not found: '${userId}'.` });
  const organizationId = stringField(request.body, 'organization_id');
  if (organizationId !== undefined && !ctx.state.organizations.has(organizationId)) {
    return json(404, { message: `Organization not found: '${organizationId}'.` });
  }
  const scopes = request.body.scopes ?? [];
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) {
    return json(422, { code: 'invalid_request_parameters', message: 'scopes must be an array of strings.' });
  }
  const iat = Math.floor(ctx.now() / 1000);
  const token = ctx.keys.signJwt({
    iss: ctx.issuer,
    sub: userId,
    ...(organizationId ? { org_id: organizationId } : {}),
    scopes,
    jti: createId(''),
    iat,
    exp: iat + WIDGET_TOKEN_TTL_SECONDS,
  });
  return json(201, { token });
}
