import 'server-only';
import type { Auth, RefreshRole } from '@authkit-ssr/core';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { AppCore } from './app-core.js';
import { SIGN_IN_PARAMETER } from './authkit-proxy.js';
import { readCookieHeader } from './next-cookies.js';
import { type NoUserInfo, toUserInfo, type UserInfo } from './user-info.js';

/** Options of `withAuth`. */
export interface WithAuthOptions {
  /** Send signed-out visitors to sign in, and back to this page afterwards. */
  ensureSignedIn?: boolean;
}

/** `withAuth` as bound to one app's options (see `createAuthKit`). */
export interface WithAuth<TClaims extends object> {
  (options: { ensureSignedIn: true }): Promise<UserInfo<TClaims>>;
  (options?: WithAuthOptions): Promise<UserInfo<TClaims> | NoUserInfo>;
}

let warnedNoProxy = false;

/** The auth of this request as the proxy left it, for server components, route handlers and actions. */
export function createReadAuth<TClaims extends object>(
  app: AppCore<TClaims>,
): () => Promise<Auth<TClaims> | null> {
  // One read per render: layouts, pages and components of a request run in parallel and share it.
  return cache(async (): Promise<Auth<TClaims> | null> => {
    const requestHeaders = await headers();
    if (!requestHeaders.has('x-workos-middleware') && !warnedNoProxy) {
      warnedNoProxy = true;
      console.warn(
        '[authkit-ssr] withAuth() ran without authkitProxy: expired sessions read as signed out. Export authkitProxy() from proxy.ts (or middleware.ts) and match this path.',
      );
    }
    // Rendering cannot write cookies: a refresh here would spend the refresh token and lose the
    // new one. The session is only read (as the proxy read it); an expired one reads as signed out.
    const cookie = await readCookieHeader();
    return (await app.core().authenticate({ headers: new Headers({ cookie }) }, { refresh: false })).auth;
  });
}

export function createWithAuth<TClaims extends object>(
  app: AppCore<TClaims>,
  readAuth: () => Promise<Auth<TClaims> | null>,
): WithAuth<TClaims> {
  return (async (options: WithAuthOptions = {}) => {
    const auth = await readAuth();
    if (!auth && options.ensureSignedIn) {
      // Back to this page with a marker the proxy answers by starting the sign-in: it runs on this
      // path (withAuth needs it) and, unlike a server component, can set the sign-in cookie.
      const requestUrl = (await headers()).get('x-url');
      // Without the proxy on this path, only a sign-in route can start the sign-in.
      if (!requestUrl) redirect(`${app.signInPath}?returnTo=%2F`);
      const url = new URL(requestUrl);
      url.searchParams.delete('_rsc');
      url.searchParams.set(SIGN_IN_PARAMETER, '1');
      redirect(`${url.pathname}${url.search}`);
    }
    return toUserInfo(auth);
  }) as WithAuth<TClaims>;
}

/**
 * How the proxy refreshed the session for this request: `led` (this request called WorkOS),
 * `joined` (it shared a concurrent refresh), `replayed` (it carried the just-rotated token), or
 * `null` (no refresh was needed).
 */
export async function getSessionRefresh(): Promise<RefreshRole | null> {
  const value = (await headers()).get('x-workos-refresh');
  return value === 'led' || value === 'joined' || value === 'replayed' ? value : null;
}
