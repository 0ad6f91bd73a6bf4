import { type Emulator, startEmulator } from '@authkit-ssr/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthKitCore, type AuthKitOptions, DEMO_SINGLE_FLIGHT_HEADER, type DemoStats } from '../src/index.ts';
import { emulatorCoreOptions, emulatorSessionCookie } from './emulator-core.ts';
import { cookieHeaderFrom } from './fake-workos.ts';

// The race demo of the example apps: what single-flight saves, against the emulator.
const APP = 'http://localhost:3000';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
});

function options(overrides: Partial<AuthKitOptions> = {}): AuthKitOptions {
  return emulatorCoreOptions(emulator, {
    redirectUri: `${APP}/api/auth/callback`,
    demoMode: true,
    ...overrides,
  });
}

const signedInCookie = (core: AuthKitCore) => emulatorSessionCookie(emulator, core);

async function expire(core: AuthKitCore, cookie: string): Promise<string> {
  const { response } = await core.handleDemoRoute(
    new Request(`${APP}/api/demo/expire`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    }),
  );
  expect(response.status).toBe(200);
  return cookieHeaderFrom(response.headers.getSetCookie());
}

async function stats(core: AuthKitCore): Promise<DemoStats> {
  const { response } = await core.handleDemoRoute(new Request(`${APP}/api/demo/stats`));
  return (await response.json()) as DemoStats;
}

describe('race demo', () => {
  it('is refused at start-up unless WorkOS is a local emulator', () => {
    expect(() => new AuthKitCore(options({ apiHostname: 'api.workos.com', apiHttps: true }))).toThrow(
      /demoMode/,
    );
    expect(() => new AuthKitCore(options({ apiHostname: 'emulator.example', apiHttps: false }))).toThrow(
      /demoMode/,
    );
    expect(() => new AuthKitCore(options({ apiHttps: true }))).toThrow(/demoMode/);
  });

  it('answers 404 and ignores the opt-out header when demo mode is off', async () => {
    const core = new AuthKitCore(options({ demoMode: false }));
    const { response } = await core.handleDemoRoute(new Request(`${APP}/api/demo/stats`));
    expect(response.status).toBe(404);
    const cookie = await expire(new AuthKitCore(options()), await signedInCookie(core));
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        core.authenticate(new Request(APP, { headers: { cookie, [DEMO_SINGLE_FLIGHT_HEADER]: 'off' } })),
      ),
    );
    expect(results.every((result) => result.auth !== null)).toBe(true);
    expect(emulator.stats().authenticate.refreshToken.succeeded).toBe(1);
  });

  it('expires the token; a burst with single-flight refreshes once, one without it signs the user out', async () => {
    const core = new AuthKitCore(options());
    const cookie = await expire(core, await signedInCookie(core));
    const burst = (headers: Record<string, string>) =>
      Promise.all(
        Array.from({ length: 6 }, () =>
          core
            .authenticate(new Request(APP, { headers: { cookie, ...headers } }))
            .catch((error: unknown) => error),
        ),
      );
    const shared = await burst({});
    expect(shared.every((result) => (result as { auth: unknown }).auth !== null)).toBe(true);
    expect(await stats(core)).toEqual({ refreshCalls: 1, refreshSucceeded: 1, refreshRejected: 0 });

    const fresh = new AuthKitCore(options());
    const cookieAgain = await expire(fresh, await signedInCookie(fresh));
    emulator.reset();
    const alone = await Promise.all(
      Array.from({ length: 6 }, () =>
        fresh.authenticate(
          new Request(APP, { headers: { cookie: cookieAgain, [DEMO_SINGLE_FLIGHT_HEADER]: 'off' } }),
        ),
      ),
    );
    const signedIn = alone.filter((result) => result.auth !== null).length;
    expect(signedIn).toBe(1);
    expect(alone.filter((result) => result.auth === null)).toHaveLength(5);
    expect(await stats(fresh)).toEqual({ refreshCalls: 6, refreshSucceeded: 1, refreshRejected: 5 });
  });

  it('refuses a cross-site expire', async () => {
    const core = new AuthKitCore(options());
    const cookie = await signedInCookie(core);
    const { response } = await core.handleDemoRoute(
      new Request(`${APP}/api/demo/expire`, {
        method: 'POST',
        headers: { cookie, origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
