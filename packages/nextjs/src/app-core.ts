import { type AuthKitCore, type AuthKitOptions, getAuthKitCore, optionsFromEnv } from '@authkit-ssr/core';

/** Options of {@link createAuthKit}: core options (explicit ones win over `WORKOS_*`) and the app's auth routes. */
export interface AuthKitNextOptions extends Partial<AuthKitOptions> {
  /**
   * A route that starts a sign-in with `?returnTo=` (`handleSignIn()`). Optional: the proxy starts
   * sign-ins itself. Default `/api/auth/sign-in`.
   */
  signInPath?: string;
  /**
   * Where `AuthKitProvider` and `useAccessToken()` fetch the session and access token. The proxy
   * answers it when its matcher covers the path; otherwise mount `handleAccessToken()` there.
   * Default `/api/auth/access-token`.
   */
  accessTokenPath?: string;
  /**
   * Where `useAuth().signOut()` posts. The proxy answers it when its matcher covers the path;
   * otherwise mount `handleSignOut()` there. Default `/api/auth/sign-out`.
   */
  signOutPath?: string;
}

/** One app's core, created on first use, and its auth routes. */
export interface AppCore<TClaims extends object> {
  /** The core; `refreshBeforeExpirySeconds` overrides the proxy's refresh buffer. */
  core(refreshBeforeExpirySeconds?: number): AuthKitCore<TClaims>;
  readonly signInPath: string;
  readonly accessTokenPath: string;
  readonly signOutPath: string;
}

/**
 * Env is read on first use (never at build time); explicit options win. `WORKOS_REDIRECT_URI` or,
 * as WorkOS's Next.js kit names it, `NEXT_PUBLIC_WORKOS_REDIRECT_URI`.
 */
export function createAppCore<TClaims extends object>(options: AuthKitNextOptions = {}): AppCore<TClaims> {
  const {
    signInPath = '/api/auth/sign-in',
    accessTokenPath = '/api/auth/access-token',
    signOutPath = '/api/auth/sign-out',
    ...explicit
  } = options;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  // Looked up once: reading the environment and fingerprinting options on every request costs more
  // than the authentication of a known cookie.
  const cores = new Map<number | undefined, AuthKitCore<TClaims>>();
  return {
    signInPath,
    accessTokenPath,
    signOutPath,
    core: (refreshBeforeExpirySeconds) => {
      let core = cores.get(refreshBeforeExpirySeconds);
      if (!core) {
        const fromEnv = optionsFromEnv(process.env);
        fromEnv.redirectUri ??= process.env.NEXT_PUBLIC_WORKOS_REDIRECT_URI || undefined;
        core = getAuthKitCore<TClaims>({
          ...fromEnv,
          ...defined,
          ...(refreshBeforeExpirySeconds === undefined ? {} : { refreshBeforeExpirySeconds }),
        } as AuthKitOptions);
        cores.set(refreshBeforeExpirySeconds, core);
      }
      return core;
    },
  };
}
