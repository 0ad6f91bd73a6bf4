import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, startEmulator } from '../src/index.js';

const ADA = DEFAULT_SEED.users?.[0]?.id ?? '';

describe('bad input gets WorkOS-style errors and never crashes the emulator', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const merged = {
      'content-type': 'application/json',
      authorization: `Bearer ${emulator.apiKey}`,
      ...headers,
    };
    const response = await fetch(`${emulator.url}${path}`, {
      method: 'POST',
      // An empty value means: leave the header out.
      headers: Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== '')),
      body,
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const authenticate = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    post('/user_management/authenticate', JSON.stringify(body), headers);

  it('malformed JSON', async () => {
    expect(await post('/user_management/authenticate', '{"grant_type":')).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'The request body is not valid JSON.' },
    });
    expect((await post('/widgets/token', '[1,2]')).status).toBe(400);
    expect((await post('/user_management/sessions/revoke', 'nope')).body).toEqual({
      message: 'The request body is not valid JSON.',
    });
  });

  it('missing or unsupported grant type and missing fields', async () => {
    expect(await authenticate({ client_id: emulator.clientId })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(await authenticate({ grant_type: 'password', client_id: emulator.clientId })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await authenticate({ grant_type: 'authorization_code', client_id: emulator.clientId })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: code.' },
    });
    expect(await authenticate({ grant_type: 'refresh_token' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: client_id.' },
    });
    expect(await post('/widgets/token', '{}')).toMatchObject({
      status: 422,
      body: { code: 'invalid_request_parameters', errors: [{ field: 'user_id' }] },
    });
    expect((await post('/user_management/sessions/revoke', '{}')).status).toBe(422);
    expect(emulator.stats().authenticate.invalidRequests).toBe(3);
  });

  it('wrong client secret, unknown client, wrong API key', async () => {
    const { refreshToken } = emulator.issueSession();
    const base = { grant_type: 'refresh_token', refresh_token: refreshToken };
    expect(
      await authenticate(
        { ...base, client_id: emulator.clientId, client_secret: 'sk_wrong' },
        { authorization: '' },
      ),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Invalid client secret.' },
    });
    expect(await authenticate({ ...base, client_id: 'client_other' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
    expect(
      await authenticate({ ...base, client_id: emulator.clientId }, { authorization: 'Bearer sk_wrong' }),
    ).toEqual({
      status: 401,
      body: { message: 'Unauthorized' },
    });
    // None of these spent the token.
    expect((await authenticate({ ...base, client_id: emulator.clientId })).status).toBe(200);
  });

  it('accepts form-encoded authenticate bodies', async () => {
    const { refreshToken } = emulator.issueSession();
    const response = await fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: emulator.clientId,
        refresh_token: refreshToken,
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { id: ADA }, refresh_token: expect.any(String) });
  });

  it('API calls without the API key get 401', async () => {
    for (const path of [
      `/user_management/users/${ADA}`,
      '/organizations/org_x',
      `/user_management/organization_memberships?user_id=${ADA}`,
    ]) {
      const response = await fetch(`${emulator.url}${path}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('unknown paths and methods get 404 { message }', async () => {
    const response = await fetch(`${emulator.url}/user_management/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: "The requested path '/user_management/nothing' could not be found.",
    });
    expect((await fetch(`${emulator.url}/user_management/authenticate`)).status).toBe(404);
  });

  it('membership lists need a filter and valid paging', async () => {
    const get = (query: string) =>
      fetch(`${emulator.url}/user_management/organization_memberships?${query}`, {
        headers: { authorization: `Bearer ${emulator.apiKey}` },
      });
    expect((await get('')).status).toBe(422);
    expect((await get(`user_id=${ADA}&limit=1000`)).status).toBe(422);
    expect((await get(`user_id=${ADA}&statuses=bogus`)).status).toBe(422);
    const page = (await (await get(`user_id=${ADA}&limit=1&order=asc`)).json()) as {
      data: { id: string }[];
      list_metadata: { before: string | null; after: string | null };
    };
    expect(page.data).toHaveLength(1);
    expect(page.list_metadata.after).toBe(page.data[0]?.id);
    const next = (await (
      await get(`user_id=${ADA}&limit=1&order=asc&after=${page.list_metadata.after}`)
    ).json()) as {
      data: { id: string }[];
      list_metadata: { before: string | null; after: string | null };
    };
    expect(next.data[0]?.id).not.toBe(page.data[0]?.id);
    expect(next.list_metadata).toEqual({ before: next.data[0]?.id, after: null });
  });

  it('logout without session_id or with a bad return_to gets 422; without return_to 200', async () => {
    expect((await fetch(`${emulator.url}/user_management/sessions/logout`)).status).toBe(422);
    expect(
      (
        await fetch(
          `${emulator.url}/user_management/sessions/logout?session_id=session_x&return_to=javascript:alert(1)`,
        )
      ).status,
    ).toBe(422);
    expect((await fetch(`${emulator.url}/user_management/sessions/logout?session_id=session_x`)).status).toBe(
      200,
    );
  });

  it('is still alive after all of that', async () => {
    expect((await fetch(emulator.jwksUrl)).status).toBe(200);
  });
});
