import 'server-only';
import { type Auth, AuthKitError, type SignInUrlOptions } from '@authkit-ssr/core';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { AppCore } from './app-core.js';
import { writeCookies } from './next-cookies.js';

/** What `getSignInUrl` / `getSignUpUrl` accept. */
export type SignInLinkOptions = Pick<SignInUrlOptions, 'returnTo' | 'organizationId' | 'loginHint'>;

// None of these is a server action by itself ('use server' would make every export callable by
// anyone over HTTP): the app calls them from its own actions, after its own checks.
export function createSessionActions<TClaims extends object>(app: AppCore<TClaims>) {
  const requestLike = async () => ({ headers: await headers() });

  /**
   * Signs out from a Server Action (or Route Handler): clears the session cookie, then redirects
   * to WorkOS's logout URL, which ends the session and comes back to `returnTo`.
   * @throws {AuthKitError} `redirect_not_allowed` when `returnTo` leaves the app's origin.
   */
  async function signOut(options: { returnTo?: string } = {}): Promise<never> {
    const request = await requestLike();
    const { redirectTo, setCookies } = await app.core().signOut(request, options);
    await writeCookies(setCookies);
    return redirect(redirectTo);
  }

  /**
   * Switches the session to another organization of the user, from a Server Action or Route Handler.
   * @throws {AuthKitError} `no_session`, `organization_switch_rejected` (403), `upstream_unavailable`
   */
  async function switchToOrganization(organizationId: string): Promise<Auth<TClaims> | null> {
    const result = await app.core().switchToOrganization(await requestLike(), organizationId);
    await writeCookies(result.setCookies);
    return result.auth;
  }

  /**
   * Refreshes the session now (e.g. after the user's roles changed), from a Server Action or Route
   * Handler; `organizationId` also switches organization.
   * @throws {AuthKitError} `no_session`, `refresh_rejected`, `upstream_unavailable`
   */
  async function refreshSession(options: { organizationId?: string } = {}): Promise<Auth<TClaims> | null> {
    const request = await requestLike();
    const core = app.core();
    const current = await core.authenticate(request);
    if (current.refresh && options.organizationId === undefined) {
      await writeCookies(current.setCookies);
      return current.auth;
    }
    if (!current.session) throw new AuthKitError('no_session', 'Sign in before refreshing the session');
    const result = await core.refreshSession(current.session, { ...options, request });
    await writeCookies(result.setCookies);
    return result.auth;
  }

  /**
   * A link that starts a sign-in: the app's sign-in route with these options in its query. Works
   * in server components too (the sign-in cookie is set by the route, not while rendering).
   */
  function getSignInUrl(options: SignInLinkOptions = {}): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options)) if (value) query.set(name, value);
    const search = query.toString();
    return search ? `${app.signInPath}?${search}` : app.signInPath;
  }

  /** {@link getSignInUrl} on the sign-up screen. */
  function getSignUpUrl(options: SignInLinkOptions = {}): string {
    const url = getSignInUrl(options);
    return `${url}${url.includes('?') ? '&' : '?'}screenHint=sign-up`;
  }

  return { signOut, switchToOrganization, refreshSession, getSignInUrl, getSignUpUrl };
}
