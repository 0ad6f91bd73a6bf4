import type { Emulator } from '@authkit-ssr/emulator';
import type { AuthKitCore, AuthKitOptions, Session } from '../src/index.ts';
import { COOKIE_PASSWORD } from './fake-workos.ts';

/** Options of a core that talks to `emulator` with the real SDK over loopback HTTP. */
export function emulatorCoreOptions(
  emulator: Emulator,
  overrides: Partial<AuthKitOptions> = {},
): AuthKitOptions {
  return {
    clientId: emulator.clientId,
    apiKey: emulator.apiKey,
    redirectUri: 'http://localhost:3000/callback',
    cookiePassword: COOKIE_PASSWORD,
    apiHostname: '127.0.0.1',
    apiHttps: false,
    apiPort: emulator.port,
    ...overrides,
  };
}

/** A `Cookie` header holding a session the emulator issued (as a sign-in would have). */
export async function emulatorSessionCookie(
  emulator: Emulator,
  core: AuthKitCore,
  options: Parameters<Emulator['issueSession']>[0] = {},
): Promise<string> {
  const issued = emulator.issueSession(options);
  const session: Session = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    user: issued.user as unknown as Session['user'],
  };
  return `${core.options.cookieName}=${await core.sealSession(session)}`;
}
