import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

const REDIRECT_URI = 'http://localhost:3000/callback';

describe('the hosted authorize page', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  function authorizeUrl(params: Record<string, string> = {}): string {
    const query = new URLSearchParams({
      client_id: emulator.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      provider: 'authkit',
      state: 'st ate/+=',
      ...params,
    });
    return `${emulator.url}/user_management/authorize?${query}`;
  }

  async function postForm(url: string, form: Record<string, string>) {
    return fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  }

  function codeFrom(response: Response): string | null {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('st ate/+=');
    return location.searchParams.get('code');
  }

  it('lists the seeded users and a password form', async () => {
    const response = await fetch(authorizeUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('ada@example.com');
    expect(html).toContain('grace@example.com');
    expect(html).toContain('name="password"');
  });

  it('signs in with email and password', async () => {
    const code = codeFrom(
      await postForm(authorizeUrl(), { intent: 'sign-in', email: 'grace@example.com', password: 'password' }),
    );
    expect(code).toBeTruthy();
    const response = await fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: emulator.clientId,
        client_secret: emulator.apiKey,
        code,
      }),
    });
    expect(await response.json()).toMatchObject({ user: { email: 'grace@example.com' } });
  });

  it('shows an error for a wrong password', async () => {
    const response = await postForm(authorizeUrl(), {
      intent: 'sign-in',
      email: 'ada@example.com',
      password: 'wrong',
    });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Invalid email or password.');
    expect(html).toContain('value="ada@example.com"');
  });

  it('signs in by picking a user', async () => {
    const page = await (await fetch(authorizeUrl())).text();
    const userId = /name="user_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(codeFrom(await postForm(authorizeUrl(), { intent: 'select', user_id: userId }))).toBeTruthy();
  });

  it('signs up a new user on the sign-up screen', async () => {
    const html = await (await fetch(authorizeUrl({ screen_hint: 'sign-up' }))).text();
    expect(html).toContain('Create an account');
    const url = authorizeUrl({ screen_hint: 'sign-up' });
    const form = {
      intent: 'sign-up',
      email: 'new@example.com',
      password: 'pw',
      first_name: 'New',
      last_name: 'User',
    };
    expect(codeFrom(await postForm(url, form))).toBeTruthy();
    expect((await postForm(url, form)).status).toBe(409);
    expect(await (await fetch(authorizeUrl())).text()).toContain('new@example.com');
  });

  it('escapes HTML in seeded values', async () => {
    const other = await startEmulator({
      seed: { users: [{ email: 'x@example.com', firstName: '<script>alert(1)</script>' }] },
    });
    try {
      const query = new URL(authorizeUrl()).searchParams;
      query.set('client_id', other.clientId);
      const html = await (await fetch(`${other.url}/user_management/authorize?${query}`)).text();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&#60;script&#62;');
    } finally {
      await other.stop();
    }
  });

  it('shows an error page for a bad client_id or redirect_uri', async () => {
    const badClient = await fetch(authorizeUrl({ client_id: 'client_other' }), { redirect: 'manual' });
    expect(badClient.status).toBe(400);
    expect(await badClient.text()).toContain('Invalid client');
    const badRedirect = await fetch(authorizeUrl({ redirect_uri: 'not a url' }), { redirect: 'manual' });
    expect(badRedirect.status).toBe(400);
  });

  it('redirects other bad requests with error, error_description and state', async () => {
    for (const [params, error] of [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
      [{ provider: '' }, 'invalid_request'],
      [{ organization_id: 'org_missing' }, 'organization_invalid'],
    ] as const) {
      const response = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('error_description')).toBeTruthy();
      expect(location.searchParams.get('state')).toBe('st ate/+=');
    }
  });

  it('auto-login mode honours login_hint and refuses an unknown one', async () => {
    emulator.configure({ autoLogin: true });
    try {
      expect(
        codeFrom(await fetch(authorizeUrl({ login_hint: 'grace@example.com' }), { redirect: 'manual' })),
      ).toBeTruthy();
      const unknown = await fetch(authorizeUrl({ login_hint: 'ghost@example.com' }), { redirect: 'manual' });
      expect(new URL(unknown.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
    } finally {
      emulator.configure({ autoLogin: false });
    }
  });
});
