import 'server-only';
import { type Auth, type RefreshRole, serializeCookieHeader } from '@authkit-ssr/core';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { AppCore } from './app-core.js';
import { FORWARDED_HEADERS } from './forwarded-headers.js';

/** Options of `withAuth`. */
export interface WithAuthOptions {
  /** Redirect signed-out visitors to the sign-in route (with `returnTo` set to this page). */
  ensureSignedIn?: boolean;
}

/** `withAuth` as bound to one app's options (see `createAuthKit`). */
export interface WithAuth<TClaims extends object> {
  (options: { ensureSignedIn: true }): Promise<Auth<TClaims>>;
  (options?: WithAuthOptions): Promise<Auth<TClaims> | null>;
}

let warnedNoProxy = false;

export function createWithAuth<TClaims extends object>(app: AppCore<TClaims>): WithAuth<TClaims> {
  // One read per render: layouts, pages and components of a request run in parallel and share it.
  const readAuth = cache(async (): Promise<Auth<TClaims> | null> => {
    const requestHeaders = await headers();
    if (!requestHeaders.has(FORWARDED_HEADERS.proxy) && !warnedNoProxy) {
      warnedNoProxy = true;
      console.warn(
        '[authkit-ssr] withAuth() ran without authkitProxy: expired sessions read as signed out. Export authkitProxy() from proxy.ts (or middleware.ts) and match this path.',
      );
    }
    // cookies() is the request's cookie header as the proxy rewrote it, plus what a Server Action of
    // this request has set since (its re-render must see an organization switch).
    const cookie = serializeCookieHeader((await cookies()).getAll());
    // Rendering cannot write cookies: a refresh here would spend the refresh token and lose the
    // new one. The session is only read; an expired one reads as signed out.
    return (await app.core().authenticate({ headers: new Headers({ cookie }) }, { refresh: false })).auth;
  });

  return (async (options: WithAuthOptions = {}) => {
    const auth = await readAuth();
    if (!auth && options.ensureSignedIn) {
      const returnTo = (await headers()).get(FORWARDED_HEADERS.returnTo) ?? '/';
      redirect(`${app.signInPath}?returnTo=${encodeURIComponent(returnTo)}`);
    }
    return auth;
  }) as WithAuth<TClaims>;
}

/**
 * How the proxy refreshed the session for this request: `led` (this request called WorkOS),
 * `joined` (it shared a concurrent refresh), `replayed` (it carried the just-rotated token), or
 * `null` (no refresh was needed).
 */
export async function getSessionRefresh(): Promise<RefreshRole | null> {
  const value = (await headers()).get(FORWARDED_HEADERS.refresh);
  return value === 'led' || value === 'joined' || value === 'replayed' ? value : null;
}
