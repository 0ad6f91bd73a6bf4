import 'server-only';
import {
  type Auth,
  AuthKitError,
  evaluateRecentAuth,
  isAuthKitError,
  type RecentAuth,
  type Session,
  WorkOSRequestError,
} from '@authkit-ssr/core';
import type { AuthenticationResponse } from '@workos-inc/node';
import { revalidatePath, revalidateTag } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { AppCore } from './app-core.js';
import { readCookieHeader, writeCookies } from './next-cookies.js';
import { type NoUserInfo, toUserInfo, type UserInfo } from './user-info.js';

/** What `getSignInUrl` / `getSignUpUrl` accept (the options of WorkOS's kit). */
export interface SignInUrlOptionsOfKit {
  /** Same-origin path to land on after sign-in. A path on another origin is ignored (lands on `/`). */
  returnTo?: string;
  organizationId?: string;
  loginHint?: string;
  prompt?: 'consent' | 'login' | 'none' | (string & {});
  /** Require an authentication at most this many seconds old (OIDC `max_age`). */
  maxAge?: number;
  /** Your own data, handed back to `handleAuth`'s `onSuccess` as `state`. */
  state?: string;
  /** The callback URL for this sign-in (same origin as the app). */
  redirectUri?: string;
}

/** Options of `switchToOrganization`. */
export interface SwitchToOrganizationOptions {
  /** Where to redirect afterwards. Default: the current page. */
  returnTo?: string;
  /** What to revalidate before redirecting: `path` (default) the page, `tag` the `revalidationTags`, `none` nothing and no redirect. */
  revalidationStrategy?: 'none' | 'tag' | 'path';
  revalidationTags?: string[];
}

// Errors after which the user must go through AuthKit again to enter the organization.
const INTERACTIVE_ORGANIZATION_ERRORS = new Set(['sso_required', 'mfa_enrollment']);

// None of these is a server action by itself ('use server' would make every export callable by
// anyone over HTTP): the app calls them from its own actions, after its own checks.
export function createSessionActions<TClaims extends object>(
  app: AppCore<TClaims>,
  readAuth: () => Promise<Auth<TClaims> | null>,
) {
  const requestLike = async () => {
    const incoming = await headers();
    return {
      headers: new Headers({ cookie: await readCookieHeader() }),
      url: incoming.get('x-url') ?? undefined,
    };
  };

  /**
   * A WorkOS sign-in URL, for a Route Handler or Server Action to redirect to: also sets the cookie
   * that completes the sign-in (Next.js refuses that while a server component renders).
   * @throws {AuthKitError} `configuration_invalid` when called while a server component renders.
   */
  async function getSignInUrl(options: SignInUrlOptionsOfKit = {}): Promise<string> {
    return startSignIn(options, 'sign-in');
  }

  /** {@link getSignInUrl} on the sign-up screen. */
  async function getSignUpUrl(options: SignInUrlOptionsOfKit = {}): Promise<string> {
    return startSignIn(options, 'sign-up');
  }

  async function startSignIn(
    options: SignInUrlOptionsOfKit,
    screenHint: 'sign-in' | 'sign-up',
  ): Promise<string> {
    const core = app.core();
    const request = await requestLike();
    const redirectUri = options.redirectUri ?? (await headers()).get('x-redirect-uri') ?? undefined;
    const start = (returnTo?: string) =>
      core.getSignInUrl({
        returnTo,
        screenHint,
        organizationId: options.organizationId,
        loginHint: options.loginHint,
        prompt: options.prompt,
        maxAgeSeconds: options.maxAge,
        redirectUri,
        request,
        ...(options.state === undefined ? {} : { state: options.state }),
      });
    const { url, setCookies } = await start(options.returnTo).catch((error: unknown) => {
      if (isAuthKitError(error) && error.code === 'redirect_not_allowed' && options.returnTo !== undefined)
        return start();
      throw error;
    });
    try {
      await writeCookies(setCookies);
    } catch (cause) {
      throw new AuthKitError(
        'configuration_invalid',
        'getSignInUrl() must run in a Route Handler or Server Action (it sets a cookie); from a server component, link to such a route',
        { cause },
      );
    }
    return url;
  }

  /**
   * Signs out from a Server Action (or Route Handler): clears the session cookie, then redirects
   * to WorkOS's logout URL, which ends the session and comes back to `returnTo`.
   * @throws {AuthKitError} `redirect_not_allowed` when `returnTo` leaves the app's origin.
   */
  async function signOut(options: { returnTo?: string } = {}): Promise<never> {
    const { redirectTo, setCookies } = await app.core().signOut(await requestLike(), options);
    await writeCookies(setCookies);
    return redirect(redirectTo);
  }

  /**
   * Refreshes the session now (after the user's roles changed, say), from a Server Action or Route
   * Handler; `organizationId` also switches organization.
   * @throws {AuthKitError} `refresh_rejected`, `organization_switch_rejected`, `upstream_unavailable`
   */
  async function refreshSession(options: {
    organizationId?: string;
    ensureSignedIn: true;
  }): Promise<UserInfo<TClaims>>;
  async function refreshSession(options?: {
    organizationId?: string;
    ensureSignedIn?: boolean;
  }): Promise<UserInfo<TClaims> | NoUserInfo>;
  async function refreshSession(
    options: { organizationId?: string; ensureSignedIn?: boolean } = {},
  ): Promise<UserInfo<TClaims> | NoUserInfo> {
    const request = await requestLike();
    const core = app.core();
    const current = await core.authenticate(request);
    if (current.refresh && options.organizationId === undefined) {
      await writeCookies(current.setCookies);
      return toUserInfo(current.auth);
    }
    if (!current.session) {
      await writeCookies(current.setCookies);
      if (options.ensureSignedIn) return redirect(await getSignInUrl({ returnTo: returnPath(request.url) }));
      return toUserInfo<TClaims>(null);
    }
    const result = await core.refreshSession(current.session, {
      organizationId: options.organizationId,
      request,
    });
    await writeCookies(result.setCookies);
    return toUserInfo(result.auth);
  }

  /**
   * Switches the session to another organization of the user, from a Server Action or Route
   * Handler, then revalidates and redirects to the current page (`revalidationStrategy: 'none'`
   * returns the new auth instead). When the organization requires SSO or MFA enrollment, redirects
   * to AuthKit to satisfy it.
   * @throws {AuthKitError} `no_session`, `organization_switch_rejected` (403), `upstream_unavailable`
   */
  async function switchToOrganization(
    organizationId: string,
    options: SwitchToOrganizationOptions = {},
  ): Promise<UserInfo<TClaims>> {
    const { returnTo, revalidationStrategy = 'path', revalidationTags = [] } = options;
    const request = await requestLike();
    let auth: Auth<TClaims> | null;
    try {
      const result = await app.core().switchToOrganization(request, organizationId);
      await writeCookies(result.setCookies);
      auth = result.auth;
    } catch (error) {
      const cause = isAuthKitError(error) ? error.cause : undefined;
      if (cause instanceof WorkOSRequestError && INTERACTIVE_ORGANIZATION_ERRORS.has(cause.errorCode ?? ''))
        return redirect(await getSignInUrl({ organizationId }));
      throw error;
    }
    if (!auth) throw new AuthKitError('no_session', 'Sign in before switching organizations');
    const pathname = returnTo ?? returnPath(request.url);
    if (revalidationStrategy === 'path') revalidatePath(pathname);
    if (revalidationStrategy === 'tag') for (const tag of revalidationTags) revalidateTag(tag, 'max');
    if (revalidationStrategy !== 'none') redirect(pathname);
    return auth;
  }

  /**
   * Stores a session you obtained yourself (a custom sign-in flow: email verification, magic auth)
   * in the session cookie, from a Server Action or Route Handler.
   * @param _request accepted for compatibility with WorkOS's kit: the cookie's attributes come from the options.
   */
  async function saveSession(
    session: Session | AuthenticationResponse,
    _request?: Request | string,
  ): Promise<void> {
    const core = app.core();
    const sealed = await core.sealSession({
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      user: session.user,
      ...(session.impersonator ? { impersonator: session.impersonator } : {}),
    } as Session);
    await writeCookies(core.serializeSessionCookies(sealed, await requestLike()));
  }

  /** The claims of the access token (this request's, or the one given), decoded; `{}` when signed out. */
  async function getTokenClaims<T = Record<string, unknown>>(
    accessToken?: string,
  ): Promise<Partial<T & Auth['claims']>> {
    const token = accessToken ?? (await readAuth())?.accessToken;
    if (!token) return {};
    try {
      const payload = token.split('.')[1] ?? '';
      return JSON.parse(new TextDecoder().decode(base64UrlDecode(payload))) as Partial<T & Auth['claims']>;
    } catch {
      return {};
    }
  }

  /**
   * How long ago the user last authenticated (the token's `auth_time`), for step-up checks: never
   * redirects. `isStale` when that is longer than `maxAge` seconds ago or unknown.
   */
  async function checkRecentAuth({ maxAge }: { maxAge: number }): Promise<RecentAuth> {
    const claims = (await getTokenClaims<{ auth_time?: number }>()) as { auth_time?: number };
    return evaluateRecentAuth(claims.auth_time, maxAge, Math.floor(Date.now() / 1000));
  }

  return {
    signOut,
    switchToOrganization,
    refreshSession,
    getSignInUrl,
    getSignUpUrl,
    saveSession,
    getTokenClaims,
    checkRecentAuth,
  };
}

function returnPath(url: string | undefined): string {
  if (!url) return '/';
  const parsed = new URL(url);
  parsed.searchParams.delete('_rsc');
  return `${parsed.pathname}${parsed.search}`;
}

function base64UrlDecode(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
}
