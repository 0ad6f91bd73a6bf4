import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';
import { specErrors } from './openapi-schemas.js';
import { createSdkClient, SDKS } from './sdk-clients.js';

const ACME = DEFAULT_SEED.organizations?.[0]?.id ?? '';
const ADA = DEFAULT_SEED.users?.[0]?.id ?? '';

// One organization key and one user key, seeded next to the default directory.
const SEED = {
  ...DEFAULT_SEED,
  apiKeys: [
    {
      id: 'api_key_01JORGKEYORGKEYORGKEYORG01',
      value: 'sk_org_key_value_1234',
      name: 'Reporting',
      organization: 'Acme',
      permissions: ['posts:read'],
    },
    { value: 'sk_user_key_value_5678', organization: ACME, user: 'ada@example.com' },
  ],
};

describe.each(SDKS)('POST /api_keys/validations with the real SDK ($name)', ({ WorkOS }) => {
  let emulator: Emulator;
  let workos: ReturnType<typeof createSdkClient>;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED });
    workos = createSdkClient(WorkOS, emulator);
  });
  afterAll(() => emulator.stop());

  it('returns a seeded organization key, without its secret', async () => {
    const { apiKey } = await workos.apiKeys.createValidation({ value: 'sk_org_key_value_1234' });
    expect(apiKey).toEqual({
      object: 'api_key',
      id: 'api_key_01JORGKEYORGKEYORGKEYORG01',
      owner: { type: 'organization', id: ACME },
      name: 'Reporting',
      obfuscatedValue: 'sk_...1234',
      lastUsedAt: null,
      permissions: ['posts:read'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(emulator.stats().requests.validateApiKey).toBe(1);
  });

  it("returns a user key with the user's organization", async () => {
    const { apiKey } = await workos.apiKeys.createValidation({ value: 'sk_user_key_value_5678' });
    expect(apiKey?.id).toMatch(/^api_key_01[0-9A-HJKMNP-TV-Z]{24}$/);
    expect(apiKey?.owner).toEqual({ type: 'user', id: ADA, organizationId: ACME });
    expect(apiKey?.name).toBe('API key');
    expect(apiKey?.permissions).toEqual([]);
  });

  it('answers { api_key: null } for a value it does not know', async () => {
    expect(await workos.apiKeys.createValidation({ value: 'sk_nobody' })).toEqual({ apiKey: null });
  });
});

describe('POST /api_keys/validations on the wire', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED });
  });
  afterAll(() => emulator.stop());

  const validate = (body: unknown, apiKey = emulator.apiKey) =>
    fetch(`${emulator.url}/api_keys/validations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it("matches WorkOS's OpenAPI spec, known and unknown", async () => {
    for (const value of ['sk_org_key_value_1234', 'sk_user_key_value_5678', 'sk_nobody']) {
      const response = await validate({ value });
      expect(response.status).toBe(200);
      expect(specErrors('post', '/api_keys/validations', 200, await response.json())).toBeNull();
    }
  });

  it('needs the API key, and a value (422)', async () => {
    expect((await validate({ value: 'sk_org_key_value_1234' }, 'sk_org_key_value_1234')).status).toBe(401);
    const missing = await validate({});
    expect(missing.status).toBe(422);
    expect(specErrors('post', '/api_keys/validations', 422, await missing.json())).toBeNull();
  });

  it('refuses a seed key whose organization does not exist', async () => {
    await expect(
      startEmulator({ seed: { ...SEED, apiKeys: [{ value: 'sk_x', organization: 'Nowhere' }] } }),
    ).rejects.toThrow(/unknown organization: Nowhere/);
  });
});
