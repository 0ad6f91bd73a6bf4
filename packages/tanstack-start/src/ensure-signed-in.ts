import { redirect } from '@tanstack/react-router';
import { getAuth } from './server-functions.js';
import type { UserInfo } from './user-info.js';

/** Options of {@link ensureSignedIn}. */
export interface EnsureSignedInOptions {
  /** The server route that starts a sign-in (see `handleSignInRoute`). Default `/api/auth/sign-in`. */
  signInPath?: string;
}

/**
 * Our addition: a `beforeLoad` for protected routes. Signed-out visitors are redirected to the
 * sign-in route, which brings them back to the page they asked for; signed-in ones get `context.auth`.
 *
 * @example
 * ```ts
 * export const Route = createFileRoute('/account')({ beforeLoad: ensureSignedIn() });
 * ```
 */
export function ensureSignedIn(options: EnsureSignedInOptions = {}) {
  const signInPath = options.signInPath ?? '/api/auth/sign-in';
  return async ({ location }: { location: { href: string } }): Promise<{ auth: UserInfo }> => {
    const auth = await getAuth();
    if (auth.user) return { auth };
    const returnPathname = encodeURIComponent(location.href);
    throw redirect({ href: `${signInPath}?returnPathname=${returnPathname}`, reloadDocument: true });
  };
}
