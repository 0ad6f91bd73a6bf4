import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import { WorkOS as WorkOSV11 } from '@workos-inc/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkOS as WorkOSV10 } from 'workos-node-v10';
import { WorkOS as WorkOSV12 } from 'workos-node-v12';
import { AuthKitCore, createWorkOSApi, type WorkOSApiOptions } from '../src/index.ts';
import { emulatorCoreOptions } from './emulator-core.ts';
import { cookieHeaderFrom, requestWithCookies } from './fake-workos.ts';

// Core's peer range is @workos-inc/node 10 to 12: the whole session life on each major.
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ autoLogin: true });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
});

const MAJORS = [
  ['10', WorkOSV10],
  ['11', WorkOSV11],
  ['12', WorkOSV12],
] as const;

describe.each(MAJORS)('@workos-inc/node %s', (_major, WorkOS) => {
  function newCore(): AuthKitCore {
    const options = emulatorCoreOptions(emulator);
    return new AuthKitCore({
      ...options,
      workosApi: createWorkOSApi({
        clientId: emulator.clientId,
        apiKey: emulator.apiKey,
        apiHostname: '127.0.0.1',
        apiHttps: false,
        apiPort: emulator.port,
        timeoutSeconds: 10,
        WorkOS: WorkOS as unknown as WorkOSApiOptions['WorkOS'],
      }),
    });
  }

  it('signs in, refreshes (keeping the organization), switches organization and signs out', async () => {
    const core = newCore();
    const signIn = await core.getSignInUrl({ returnTo: '/account' });
    const authorize = await fetch(signIn.url, { redirect: 'manual' });
    const callback = await core.handleCallback(
      requestWithCookies(cookieHeaderFrom(signIn.setCookies), authorize.headers.get('location')!),
    );
    expect(callback.auth.user.email).toBe('ada@example.com');
    const organizationId = callback.auth.organizationId;
    expect(organizationId).toMatch(/^org_/);

    const refreshed = await core.refreshSession(callback.session);
    expect(refreshed.refresh).toBe('led');
    expect(refreshed.auth?.organizationId).toBe(organizationId);

    const memberships = await fetch(
      `${emulator.url}/user_management/organization_memberships?user_id=${callback.auth.user.id}`,
      { headers: { authorization: `Bearer ${emulator.apiKey}` } },
    ).then((response) => response.json() as Promise<{ data: Array<{ organization_id: string }> }>);
    const other = memberships.data
      .map((membership) => membership.organization_id)
      .find((id) => id !== organizationId);
    const switched = await core.switchToOrganization(refreshed.session!, other!);
    expect(switched.auth?.organizationId).toBe(other);

    const signOut = await core.signOut(requestWithCookies(cookieHeaderFrom(switched.setCookies)));
    expect(new URL(signOut.redirectTo).searchParams.get('session_id')).toBe(callback.auth.sessionId);
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(2);
  });

  it('completes an organization selection', async () => {
    emulator.configure({ organizationSelection: true });
    try {
      const core = newCore();
      const { response } = await core.handleSignInRoute(new Request('http://localhost:3000/sign-in'));
      const pending = cookieHeaderFrom(response.headers.getSetCookie());
      const authorize = await fetch(response.headers.get('location')!, { redirect: 'manual' });
      const first = await core.handleCallbackRoute(
        requestWithCookies(pending, authorize.headers.get('location')!),
      );
      const picker = new URL(first.response.headers.get('location')!);
      const choices = await core.getOrganizationSelection(
        requestWithCookies(cookieHeaderFrom(first.response.headers.getSetCookie()), picker.toString()),
      );
      const chosen = choices!.organizations[1]!;
      const done = await core.handleCallbackRoute(
        requestWithCookies(
          cookieHeaderFrom(first.response.headers.getSetCookie()),
          choices!.selectUrl(chosen.id),
        ),
      );
      expect(done.change?.auth?.organizationId).toBe(chosen.id);
    } finally {
      emulator.configure({ organizationSelection: false });
    }
  });
});
