import type { EmulatorContext } from '../emulator-context.js';
import type { ApiKeyRecord } from '../emulator-state.js';
import {
  checkApiKey,
  type EmulatorRequest,
  type EmulatorResponse,
  invalidParameters,
  json,
  stringField,
} from '../http-exchange.js';

/**
 * `POST /api_keys/validations` with `{ value }`: 200 `{ api_key }` for a seeded key, and 200
 * `{ api_key: null }` for any other value, as WorkOS answers (an unknown key is not an error).
 */
export function validateApiKey(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  if (request.bodyError) return json(400, { message: request.bodyError });
  const value = stringField(request.body, 'value');
  if (value === undefined) return invalidParameters(['value']);
  const key = ctx.state.apiKeys.get(value);
  return json(200, { api_key: key ? toWireApiKey(key) : null });
}

/** The spec's `ApiKey`: the secret itself never leaves, only its first and last characters. */
function toWireApiKey(key: ApiKeyRecord): Record<string, unknown> {
  return {
    object: 'api_key',
    id: key.id,
    owner: key.userId
      ? { type: 'user', id: key.userId, organization_id: key.organizationId }
      : { type: 'organization', id: key.organizationId },
    name: key.name,
    obfuscated_value: `${key.value.slice(0, 3)}...${key.value.slice(-4)}`,
    // The emulator does not track use.
    last_used_at: null,
    permissions: key.permissions,
    created_at: key.createdAt,
    updated_at: key.createdAt,
  };
}
