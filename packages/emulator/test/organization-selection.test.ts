import { WorkOS } from '@workos-inc/node';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, type Emulator, type EmulatorSeed, startEmulator } from '../src/index.js';
import { caught, createSdkClient, SDKS, signInHeadless, type WorkOSClass } from './sdk-clients.js';

const ACME = DEFAULT_SEED.organizations?.[0]?.id ?? '';
const GLOBEX = DEFAULT_SEED.organizations?.[1]?.id ?? '';
const REDIRECT_URI = 'http://localhost:3000/callback';

/** The default seed, with Ada's sign-ins asking for organization selection. */
const SEED_ADA_SELECTS: EmulatorSeed = {
  ...DEFAULT_SEED,
  users: (DEFAULT_SEED.users ?? []).map((user) =>
    user.email === 'ada@example.com' ? { ...user, organizationSelection: true } : user,
  ),
};

let emulator: Emulator;
afterEach(() => emulator.stop());

async function codeFor(
  workos: InstanceType<WorkOSClass>,
  options: { loginHint?: string; organizationId?: string } = {},
) {
  const { url, codeVerifier } = await workos.userManagement.getAuthorizationUrlWithPKCE({
    provider: 'authkit',
    redirectUri: REDIRECT_URI,
    ...options,
  });
  return { code: await signInHeadless(url), codeVerifier };
}

describe('refresh without organization_id', () => {
  it('returns to the organization the session started in, not the previous token’s', async () => {
    emulator = await startEmulator();
    const workos = createSdkClient(WorkOS, emulator);
    const session = emulator.issueSession({ userId: 'ada@example.com', organizationId: ACME });
    const switched = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
      organizationId: GLOBEX,
    });
    expect(decodeJwt(switched.accessToken).org_id).toBe(GLOBEX);

    const unnamed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: switched.refreshToken,
    });
    expect(unnamed.organizationId).toBe(ACME);
    expect(decodeJwt(unnamed.accessToken)).toMatchObject({ org_id: ACME, role: 'admin' });

    const named = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: unnamed.refreshToken,
      organizationId: GLOBEX,
    });
    expect(decodeJwt(named.accessToken).org_id).toBe(GLOBEX);
  });

  it('drops the organization of a session that started without one', async () => {
    emulator = await startEmulator();
    const workos = createSdkClient(WorkOS, emulator);
    const session = emulator.issueSession({ userId: 'ada@example.com', organizationId: null });
    const switched = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
      organizationId: GLOBEX,
    });
    const unnamed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: switched.refreshToken,
    });
    expect(unnamed.organizationId).toBeUndefined();
    expect(decodeJwt(unnamed.accessToken)).not.toHaveProperty('org_id');
  });
});

describe.each(SDKS)('organization selection with $name', ({ WorkOS: SdkClass }) => {
  it('pauses the code exchange with 403 and finishes it with the organization-selection grant', async () => {
    emulator = await startEmulator({ autoLogin: true, organizationSelection: true });
    const workos = createSdkClient(SdkClass, emulator);
    const { code, codeVerifier } = await codeFor(workos);
    const paused = await caught(() => workos.userManagement.authenticateWithCode({ code, codeVerifier }));
    expect(paused).toMatchObject({
      status: 403,
      code: 'organization_selection_required',
      pendingAuthenticationToken: expect.any(String),
      rawData: {
        user: { object: 'user', email: 'ada@example.com' },
        organizations: [
          { id: ACME, name: 'Acme' },
          { id: GLOBEX, name: 'Globex' },
        ],
      },
    });
    const pendingAuthenticationToken = String(paused.pendingAuthenticationToken);

    const auth = await workos.userManagement.authenticateWithOrganizationSelection({
      pendingAuthenticationToken,
      organizationId: GLOBEX,
    });
    expect(auth.user.email).toBe('ada@example.com');
    expect(auth.organizationId).toBe(GLOBEX);
    expect(decodeJwt(auth.accessToken)).toMatchObject({ org_id: GLOBEX, role: 'member' });
    // The session started in the selected organization: an unnamed refresh stays there.
    const refreshed = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: auth.refreshToken,
    });
    expect(refreshed.organizationId).toBe(GLOBEX);

    const reused = await caught(() =>
      workos.userManagement.authenticateWithOrganizationSelection({
        pendingAuthenticationToken,
        organizationId: ACME,
      }),
    );
    expect(reused).toMatchObject({ status: 400, code: 'invalid_pending_authentication_token' });
    expect(emulator.stats().authenticate).toMatchObject({
      authorizationCode: { succeeded: 0, rejected: 0, organizationSelectionRequired: 1 },
      organizationSelection: { succeeded: 1, rejected: 1 },
    });
  });
});

describe('when organization selection applies', () => {
  it('asks a seed-flagged user with two memberships, not other users, nor when authorize named the organization', async () => {
    emulator = await startEmulator({ autoLogin: true, seed: SEED_ADA_SELECTS });
    const workos = createSdkClient(WorkOS, emulator);

    const ada = await codeFor(workos, { loginHint: 'ada@example.com' });
    expect(await caught(() => workos.userManagement.authenticateWithCode(ada))).toMatchObject({
      status: 403,
      code: 'organization_selection_required',
    });
    const grace = await codeFor(workos, { loginHint: 'grace@example.com' });
    expect((await workos.userManagement.authenticateWithCode(grace)).organizationId).toBe(GLOBEX);
    const adaInGlobex = await codeFor(workos, { loginHint: 'ada@example.com', organizationId: GLOBEX });
    expect((await workos.userManagement.authenticateWithCode(adaInGlobex)).organizationId).toBe(GLOBEX);
  });

  it('never asks a flagged user with a single membership', async () => {
    emulator = await startEmulator({
      autoLogin: true,
      seed: {
        ...DEFAULT_SEED,
        users: [{ email: 'solo@example.com', organizationSelection: true }],
        memberships: [{ user: 'solo@example.com', organization: 'Acme' }],
      },
    });
    const workos = createSdkClient(WorkOS, emulator);
    const auth = await workos.userManagement.authenticateWithCode(await codeFor(workos));
    expect(auth.organizationId).toBe(ACME);
  });

  it('is switched on and off over the control API', async () => {
    emulator = await startEmulator({ autoLogin: true });
    const workos = createSdkClient(WorkOS, emulator);
    const config = (body: unknown) =>
      fetch(`${emulator.url}/__emulator/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await config({ organizationSelection: true })).status).toBe(200);
    const paused = await caught(async () =>
      workos.userManagement.authenticateWithCode(await codeFor(workos)),
    );
    expect(paused).toMatchObject({ status: 403, code: 'organization_selection_required' });
    expect((await config({ organizationSelection: false })).status).toBe(200);
    expect((await workos.userManagement.authenticateWithCode(await codeFor(workos))).organizationId).toBe(
      ACME,
    );
    expect((await config({ organizationSelection: 'yes' })).status).toBe(400);
  });
});

describe('pending authentication tokens', () => {
  async function pause(workos: WorkOS): Promise<string> {
    const paused = await caught(async () =>
      workos.userManagement.authenticateWithCode(await codeFor(workos)),
    );
    return String(paused.pendingAuthenticationToken);
  }

  it('expire', async () => {
    let now = Date.UTC(2030, 0, 1);
    emulator = await startEmulator({ autoLogin: true, organizationSelection: true, now: () => now });
    const workos = createSdkClient(WorkOS, emulator);
    const token = await pause(workos);
    now += 600_000;
    const expired = await caught(() =>
      workos.userManagement.authenticateWithOrganizationSelection({
        pendingAuthenticationToken: token,
        organizationId: ACME,
      }),
    );
    expect(expired).toMatchObject({ status: 400, code: 'invalid_pending_authentication_token' });
  });

  it('survive a refused organization, and refuse unknown tokens and missing fields', async () => {
    emulator = await startEmulator({
      autoLogin: true,
      organizationSelection: true,
      seed: {
        ...DEFAULT_SEED,
        organizations: [...(DEFAULT_SEED.organizations ?? []), { id: 'org_initech', name: 'Initech' }],
      },
    });
    const workos = createSdkClient(WorkOS, emulator);
    const token = await pause(workos);
    const notMember = await caught(() =>
      workos.userManagement.authenticateWithOrganizationSelection({
        pendingAuthenticationToken: token,
        organizationId: 'org_initech',
      }),
    );
    expect(notMember).toMatchObject({ status: 400, error: 'organization_membership_not_found' });
    const unknownOrg = await caught(() =>
      workos.userManagement.authenticateWithOrganizationSelection({
        pendingAuthenticationToken: token,
        organizationId: 'org_nope',
      }),
    );
    expect(unknownOrg).toMatchObject({ status: 400, error: 'organization_not_found' });
    const auth = await workos.userManagement.authenticateWithOrganizationSelection({
      pendingAuthenticationToken: token,
      organizationId: ACME,
    });
    expect(auth.organizationId).toBe(ACME);

    const unknown = await caught(() =>
      workos.userManagement.authenticateWithOrganizationSelection({
        pendingAuthenticationToken: 'never-issued',
        organizationId: ACME,
      }),
    );
    expect(unknown).toMatchObject({ status: 400, code: 'invalid_pending_authentication_token' });

    const raw = await fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'urn:workos:oauth:grant-type:organization-selection',
        client_id: emulator.clientId,
        client_secret: emulator.apiKey,
        pending_authentication_token: await pause(workos),
      }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: 'invalid_request' });
  });
});
