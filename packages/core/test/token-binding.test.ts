import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthenticateResult, AuthKitCore } from '../src/index.ts';
import { createFakeWorkOS, type FakeWorkOS, makeUser, requestWithCookies } from './fake-workos.ts';

// The fake's client id is `client_test`.
const CLAIMS = { sub: 'user_ada', sid: 'session_binding' };

let fake: FakeWorkOS;
beforeAll(async () => {
  fake = await createFakeWorkOS();
});
afterAll(async () => {
  await fake.close();
});

async function authenticateWith(core: AuthKitCore, accessToken: string): Promise<AuthenticateResult> {
  const cookie = await core.sealSession({
    accessToken,
    // A live refresh token: a refresh would succeed, so a signed-out result proves none was tried.
    refreshToken: (await fake.issueSession()).refreshToken,
    user: makeUser(),
  });
  return core.authenticate(requestWithCookies(`wos-session=${cookie}`));
}

function expectSignedOutWithoutRefresh(result: AuthenticateResult, refreshesBefore: number): void {
  expect(result.auth).toBeNull();
  expect(result.setCookies).toEqual([expect.stringMatching(/^wos-session=; .*Max-Age=0/)]);
  expect(fake.calls.refresh).toBe(refreshesBefore);
}

describe('tokens bound to this client by default', () => {
  it.each([
    ['the documented issuer', 'https://api.workos.com'],
    [
      'the issuer real tokens carry, naming this client',
      'https://api.workos.com/user_management/client_test',
    ],
    ['a custom auth domain', 'https://auth.example.com'],
    ['a custom auth domain naming this client', 'https://auth.example.com/user_management/client_test'],
    ['a trailing slash', 'https://auth.example.com/user_management/client_test/'],
  ])('accepts %s (%s)', async (_, issuer) => {
    const core = new AuthKitCore(fake.options());
    const result = await authenticateWith(core, await fake.signAccessToken(CLAIMS, { issuer }));
    expect(result.auth?.user.id).toBe('user_ada');
    expect(result.auth?.sessionId).toBe('session_binding');
  });

  it('accepts a client_id claim naming this client', async () => {
    const core = new AuthKitCore(fake.options());
    const result = await authenticateWith(
      core,
      await fake.signAccessToken({ ...CLAIMS, client_id: 'client_test' }),
    );
    expect(result.auth?.user.id).toBe('user_ada');
  });

  it.each([
    [
      'an issuer naming another client',
      { issuer: 'https://api.workos.com/user_management/client_other' },
      {},
    ],
    [
      'a custom domain issuer naming another client',
      { issuer: 'https://auth.example.com/user_management/client_other' },
      {},
    ],
    [
      'an issuer with a path below another client',
      { issuer: 'https://api.workos.com/user_management/client_other/client_test' },
      {},
    ],
    ['no issuer', { issuer: null }, {}],
    ['an issuer that is not a URL', { issuer: 'client_test' }, {}],
    ['an issuer that is not http(s)', { issuer: 'urn:user_management:client_test' }, {}],
    ['a client_id claim of another client', {}, { client_id: 'client_other' }],
    ['a client_id claim that is not a string', {}, { client_id: ['client_test'] }],
    ['no sid', {}, { sid: undefined }],
    ['an empty sid', {}, { sid: '' }],
  ] as const)(
    'refuses a genuine token with %s: signed out, never refreshed',
    async (_, signOptions, extra) => {
      const core = new AuthKitCore(fake.options());
      const refreshes = fake.calls.refresh;
      const token = await fake.signAccessToken({ ...CLAIMS, ...extra }, signOptions);
      expectSignedOutWithoutRefresh(await authenticateWith(core, token), refreshes);
    },
  );

  it('refuses an expired token of another client instead of refreshing it', async () => {
    const core = new AuthKitCore(fake.options());
    const refreshes = fake.calls.refresh;
    const token = await fake.signAccessToken(CLAIMS, {
      issuer: 'https://api.workos.com/user_management/client_other',
      expiresInSeconds: -60,
    });
    expectSignedOutWithoutRefresh(await authenticateWith(core, token), refreshes);
  });

  it('refreshes an expired token of this client', async () => {
    const core = new AuthKitCore(fake.options());
    const expired = await fake.issueSession({ expired: true });
    const cookie = await core.sealSession(expired);
    const result = await core.authenticate(requestWithCookies(`wos-session=${cookie}`));
    expect(result.refresh).toBe('led');
    expect(result.auth?.user.id).toBe('user_ada');
  });
});

describe('issuer pinned with the issuer option', () => {
  it('accepts exactly the listed issuers and refuses issuers the default would accept', async () => {
    const core = new AuthKitCore(
      fake.options({
        issuer: ['https://auth.example.com', 'https://auth.example.com/user_management/client_test'],
      }),
    );
    for (const issuer of [
      'https://auth.example.com',
      'https://auth.example.com/user_management/client_test',
    ]) {
      const result = await authenticateWith(core, await fake.signAccessToken(CLAIMS, { issuer }));
      expect(result.auth?.user.id).toBe('user_ada');
    }
    const refreshes = fake.calls.refresh;
    for (const issuer of ['https://api.workos.com', 'https://api.workos.com/user_management/client_test']) {
      const token = await fake.signAccessToken(CLAIMS, { issuer });
      expectSignedOutWithoutRefresh(await authenticateWith(core, token), refreshes);
    }
  });

  it('accepts a single string, and still refuses a client_id claim of another client', async () => {
    const core = new AuthKitCore(fake.options({ issuer: 'https://auth.example.com' }));
    const issuer = 'https://auth.example.com';
    expect((await authenticateWith(core, await fake.signAccessToken(CLAIMS, { issuer }))).auth?.user.id).toBe(
      'user_ada',
    );
    const refreshes = fake.calls.refresh;
    const foreign = await fake.signAccessToken({ ...CLAIMS, client_id: 'client_other' }, { issuer });
    expectSignedOutWithoutRefresh(await authenticateWith(core, foreign), refreshes);
  });
});
