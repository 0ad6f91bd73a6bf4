import { type AuthKitCore, type AuthKitOptions, getAuthKitCore, optionsFromEnv } from '@authkit-ssr/core';

/** Options of {@link createAuthKit}: core options (explicit ones win over `WORKOS_*`) and the app's auth routes. */
export interface AuthKitNextOptions extends Partial<AuthKitOptions> {
  /**
   * The route that starts a sign-in (`handleSignIn()`), where `withAuth({ ensureSignedIn: true })`
   * sends signed-out visitors with `?returnTo=`: a server component cannot set the sign-in cookie
   * itself. Default `/api/auth/sign-in`.
   */
  signInPath?: string;
}

/** One app's core, created on first use, and its sign-in route. */
export interface AppCore<TClaims extends object> {
  core(): AuthKitCore<TClaims>;
  readonly signInPath: string;
}

/** Env is read on first use (never at build time); explicit options win. */
export function createAppCore<TClaims extends object>(options: AuthKitNextOptions = {}): AppCore<TClaims> {
  const { signInPath = '/api/auth/sign-in', ...explicit } = options;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  // Looked up once: reading the environment and fingerprinting options on every request costs more
  // than the authentication of a known cookie.
  let core: AuthKitCore<TClaims> | undefined;
  return {
    signInPath,
    core: () => {
      core ??= getAuthKitCore<TClaims>({ ...optionsFromEnv(process.env), ...defined } as AuthKitOptions);
      return core;
    },
  };
}
