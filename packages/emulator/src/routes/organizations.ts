import type { EmulatorContext } from '../emulator-context.js';
import { checkApiKey, type EmulatorRequest, type EmulatorResponse, json } from '../http-exchange.js';
import { toWireOrganization } from '../wire-format.js';

/** `GET /organizations/:id`, with its `domains`. */
export function getOrganization(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  const id = request.params.id ?? '';
  const org = ctx.state.organizations.get(id);
  return org
    ? json(200, toWireOrganization(org))
    : json(404, { message: `Organization not found: '${id}'.` });
}
