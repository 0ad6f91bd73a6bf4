import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';
import { specErrors } from './openapi-schemas.js';

const ACME = DEFAULT_SEED.organizations?.[0]?.id ?? '';
const ADA = DEFAULT_SEED.users?.[0]?.id ?? '';

describe("responses validate against WorkOS's OpenAPI spec", () => {
  let emulator: Emulator;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${emulator.apiKey}` });

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { ...auth(), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('checks that the validator can fail', () => {
    expect(specErrors('get', '/user_management/users/{id}', 200, { object: 'user', id: 1 })).toMatch(
      /required|must be/,
    );
  });

  it('POST /user_management/authenticate (refresh_token, with organization and impersonation)', async () => {
    const session = emulator.issueSession({ impersonator: { email: 'support@example.com' } });
    const { status, body } = await call('POST', '/user_management/authenticate', {
      grant_type: 'refresh_token',
      client_id: emulator.clientId,
      client_secret: emulator.apiKey,
      refresh_token: session.refreshToken,
      organization_id: ACME,
    });
    expect(status).toBe(200);
    expect(body.organization_id).toBe(ACME);
    expect(specErrors('post', '/user_management/authenticate', 200, body)).toBeNull();
  });

  it('authenticate errors use the OAuth shape', async () => {
    const { status, body } = await call('POST', '/user_management/authenticate', {
      grant_type: 'refresh_token',
      client_id: emulator.clientId,
      refresh_token: 'nope',
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token.' });
    expect(specErrors('post', '/user_management/authenticate', 400, body)).toBeNull();
  });

  it('GET /user_management/users/{id}', async () => {
    const { status, body } = await call('GET', `/user_management/users/${ADA}`);
    expect(status).toBe(200);
    expect(specErrors('get', '/user_management/users/{id}', 200, body)).toBeNull();
  });

  it('GET /organizations/{id}', async () => {
    const { status, body } = await call('GET', `/organizations/${ACME}`);
    expect(status).toBe(200);
    expect(specErrors('get', '/organizations/{id}', 200, body)).toBeNull();
    const missing = await call('GET', '/organizations/org_missing');
    expect(missing.status).toBe(404);
    expect(specErrors('get', '/organizations/{id}', 404, missing.body)).toBeNull();
  });

  it('GET /user_management/organization_memberships', async () => {
    const { status, body } = await call(
      'GET',
      `/user_management/organization_memberships?user_id=${ADA}&order=desc`,
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(2);
    expect(specErrors('get', '/user_management/organization_memberships', 200, body)).toBeNull();
  });

  it('GET /sso/jwks/{clientId}, with the x5c and x5t#S256 the spec requires', async () => {
    const response = await fetch(emulator.jwksUrl);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(specErrors('get', '/sso/jwks/{clientId}', 200, body)).toBeNull();
    const missing = await call('GET', '/sso/jwks/client_other');
    expect(missing.status).toBe(404);
    expect(specErrors('get', '/sso/jwks/{clientId}', 404, missing.body)).toBeNull();
  });

  it('POST /widgets/token', async () => {
    const { status, body } = await call('POST', '/widgets/token', { user_id: ADA, organization_id: ACME });
    expect(status).toBe(201);
    expect(specErrors('post', '/widgets/token', 201, body)).toBeNull();
  });

  it('POST /user_management/sessions/revoke errors', async () => {
    const { status, body } = await call('POST', '/user_management/sessions/revoke', {
      session_id: 'session_missing',
    });
    expect(status).toBe(400);
    expect(specErrors('post', '/user_management/sessions/revoke', 400, body)).toBeNull();
  });
});
