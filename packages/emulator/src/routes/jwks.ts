import type { EmulatorContext } from '../emulator-context.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-exchange.js';

/** `GET /sso/jwks/:clientId`: the public keys, no API key needed (jose fetches it without one). */
export function getJwks(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const clientId = request.params.clientId ?? '';
  if (clientId !== ctx.clientId) return json(404, { message: `Client not found: '${clientId}'.` });
  ctx.stats.jwksFetches += 1;
  return json(200, ctx.keys.jwks());
}
