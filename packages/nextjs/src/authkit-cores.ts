import {
  type AuthKitCore,
  AuthKitError,
  type AuthKitOptions,
  getAuthKitCore,
  isAuthKitError,
  optionsFromEnv,
  type RefreshCoordinator,
} from '@authkit-ssr/core';

/** Options of {@link createAuthKit}: core options (explicit ones win over `WORKOS_*`) and the app's auth routes. */
export interface AuthKitNextOptions extends Partial<AuthKitOptions> {
  /**
   * The route that starts a sign-in (`handleSignIn()`), where `withAuth({ ensureSignedIn: true })`
   * sends signed-out visitors with `?returnTo=`: a server component cannot set the sign-in cookie
   * itself. Default `/api/auth/sign-in`.
   */
  signInPath?: string;
}

/** The cores one app uses: `core` refreshes (proxy, actions, route handlers); `reader` never does (rendering). */
export interface AuthKitCores<TClaims extends object> {
  core(): AuthKitCore<TClaims>;
  reader(): AuthKitCore<TClaims>;
  readonly signInPath: string;
}

const NO_REFRESH = Symbol.for('@authkit-ssr/nextjs/no-refresh');

// withAuth must never spend a refresh token: its new cookie could not be written during rendering,
// and the browser would keep the spent one. A second core whose coordinator refuses to refresh reads
// the session instead: a token in its refresh window stays signed in (core keeps a valid session on
// a transient failure), an expired one reads as signed out. Core has no read-only authenticate, so
// this is done with its public seam. Kept on globalThis: module copies must share one instance.
function noRefreshCoordinator(): RefreshCoordinator {
  const holder = globalThis as { [NO_REFRESH]?: RefreshCoordinator };
  holder[NO_REFRESH] ??= {
    run: () =>
      Promise.reject(
        new AuthKitError(
          'upstream_unavailable',
          'Sessions are refreshed by authkitProxy, not while rendering',
          {
            cause: NO_REFRESH,
          },
        ),
      ),
  };
  return holder[NO_REFRESH];
}

/** Whether `error` is the reader core declining to refresh an expired session. */
export function isRefreshDeclined(error: unknown): boolean {
  return isAuthKitError(error) && error.cause === NO_REFRESH;
}

/** Env is read on first use (never at build time); explicit options win. */
export function createAuthKitCores<TClaims extends object>(
  options: AuthKitNextOptions = {},
): AuthKitCores<TClaims> {
  const { signInPath = '/api/auth/sign-in', ...explicit } = options;
  const merged = (): AuthKitOptions => {
    const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
    return { ...optionsFromEnv(process.env), ...defined } as AuthKitOptions;
  };
  return {
    signInPath,
    core: () => getAuthKitCore<TClaims>(merged()),
    reader: () => getAuthKitCore<TClaims>({ ...merged(), refreshCoordinator: noRefreshCoordinator() }),
  };
}
