import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthKitCore, type AuthKitOptions } from '../src/index.ts';
import { cookieHeaderFrom, createFakeWorkOS, type FakeWorkOS, requestWithCookies } from './fake-workos.ts';

// Organization selection at sign-in against the core test fake: what the browser and the logs
// get to see, how long a choice stays open, and the organization's life after the sign-in.
let fake: FakeWorkOS;
let clockMs: number;
const clock = () => clockMs;

beforeEach(async () => {
  clockMs = Date.now();
  fake = await createFakeWorkOS({ now: clock });
});
afterEach(async () => {
  await fake.close();
});

/** Signs in up to the picker: the callback's redirect, the picker page, and the browser's cookies. */
async function reachPicker(core: AuthKitCore) {
  const signIn = await core.getSignInUrl({ returnTo: '/account' });
  const callbackUrl = await fake.authorize(signIn.url, { organizationSelection: true });
  const callback = await core.handleCallbackRoute(
    requestWithCookies(cookieHeaderFrom(signIn.setCookies), callbackUrl),
  );
  expect(callback.response.status).toBe(302);
  const pickerUrl = callback.response.headers.get('location') ?? '';
  const jar = cookieHeaderFrom(callback.response.headers.getSetCookie());
  const picker = await core.handleCallbackRoute(requestWithCookies(jar, pickerUrl));
  expect(picker.response.status).toBe(200);
  const html = await picker.response.text();
  const choose = (organizationId: string) => {
    const url = new URL(pickerUrl);
    url.searchParams.set('organization_id', organizationId);
    return requestWithCookies(jar, url.toString());
  };
  return { callback, pickerUrl, jar, html, choose };
}

function newCore(overrides: Partial<AuthKitOptions> = {}): AuthKitCore {
  return new AuthKitCore(fake.options({ now: clock, ...overrides }));
}

describe('organization selection at sign-in', () => {
  it('never shows the pending authentication token to the browser or the debug log', async () => {
    const lines: string[] = [];
    const core = newCore({
      debug: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`),
    });
    const { callback, pickerUrl, html, choose } = await reachPicker(core);
    const [pendingToken] = fake.pendingAuthenticationTokens;
    expect(pendingToken).toBeDefined();
    // The organization names are shown, escaped.
    expect(html).toContain('Alpha Corp');
    expect(html).toContain('Beta &#60;Labs&#62;');

    const done = await core.handleCallbackRoute(choose('org_beta'));
    expect(done.response.status).toBe(302);
    const seen = [
      pickerUrl,
      html,
      ...callback.response.headers.getSetCookie(),
      ...done.response.headers.getSetCookie(),
      done.response.headers.get('location') ?? '',
      ...lines,
    ];
    for (const text of seen) expect(text).not.toContain(pendingToken);
  });

  it('signs in to the chosen organization, which the next refresh keeps', async () => {
    const core = newCore();
    const { choose } = await reachPicker(core);
    const done = await core.handleCallbackRoute(choose('org_beta'));
    expect(done.response.headers.get('location')).toBe('http://localhost:3000/account');
    expect(done.change?.auth?.organizationId).toBe('org_beta');
    expect(fake.calls.organizationSelection).toBe(1);

    // Past the access token's lifetime, the next request refreshes within the organization.
    clockMs += 301_000;
    const next = await core.authenticate(
      requestWithCookies(cookieHeaderFrom(done.response.headers.getSetCookie())),
    );
    expect(next.refresh).toBe('led');
    expect(fake.refreshOrganizations).toEqual(['org_beta']);
    expect(next.auth?.organizationId).toBe('org_beta');
  });

  it('closes the choice with the sign-in window (signInTtlSeconds): a late pick is a 400, WorkOS is not asked', async () => {
    const core = newCore({ signInTtlSeconds: 120 });
    const { choose } = await reachPicker(core);
    clockMs += 120_000;
    const late = await core.handleCallbackRoute(choose('org_alpha'));
    expect(late.response.status).toBe(400);
    expect(late.change).toBeUndefined();
    expect(fake.calls.organizationSelection).toBe(0);
  });

  it('a choice is still open just before the window closes', async () => {
    const core = newCore({ signInTtlSeconds: 120 });
    const { choose } = await reachPicker(core);
    clockMs += 119_000;
    const done = await core.handleCallbackRoute(choose('org_alpha'));
    expect(done.response.status).toBe(302);
    expect(done.change?.auth?.organizationId).toBe('org_alpha');
  });
});
