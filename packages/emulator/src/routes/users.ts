import type { EmulatorContext } from '../emulator-context.js';
import { checkApiKey, type EmulatorRequest, type EmulatorResponse, json } from '../http-exchange.js';
import { toWireUser } from '../wire-format.js';

/** `GET /user_management/users/:id`. */
export function getUser(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  const id = request.params.id ?? '';
  const user = ctx.state.users.get(id);
  return user ? json(200, toWireUser(user)) : json(404, { message: `User not found: '${id}'.` });
}
