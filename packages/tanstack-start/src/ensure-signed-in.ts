import { redirect } from '@tanstack/react-router';
import { type ClientAuth, getAuth } from './server-functions.js';

/** Options of {@link ensureSignedIn}. */
export interface EnsureSignedInOptions {
  /** The server route that starts a sign-in (see `handleSignInRoute`). Default `/api/auth/sign-in`. */
  signInPath?: string;
}

/**
 * A `beforeLoad` for protected routes: signed-out visitors are redirected to the sign-in route,
 * which brings them back to the page they asked for. Signed-in ones get `context.auth`.
 *
 * @example
 * ```ts
 * export const Route = createFileRoute('/account')({ beforeLoad: ensureSignedIn() });
 * ```
 */
export function ensureSignedIn(options: EnsureSignedInOptions = {}) {
  const signInPath = options.signInPath ?? '/api/auth/sign-in';
  return async ({ location }: { location: { href: string } }): Promise<{ auth: ClientAuth }> => {
    const auth = await getAuth();
    if (auth) return { auth };
    const returnTo = encodeURIComponent(location.href);
    throw redirect({ href: `${signInPath}?returnTo=${returnTo}`, reloadDocument: true });
  };
}
