import { type Auth, isAuthKitError, type SignInUrlOptions, serializeCookieHeader } from '@authkit-ssr/core';
import { error, redirect } from '@sveltejs/kit';
import { type AuthKitEvent, applyResult, getAuthState, writeCookies } from './request-state.js';

/** Options of {@link getSignInUrl}: core's, without `request` (taken from the event). */
export type GetSignInUrlOptions = Omit<SignInUrlOptions, 'request'>;

/**
 * A WorkOS AuthKit sign-in URL for this browser (PKCE and state); writes the cookie that keeps
 * them until the callback. Redirect to it with `redirect(302, url, { external: true })`.
 *
 * @throws {HttpError} 400 when `returnTo` leaves the app's origin.
 */
export function getSignInUrl(event: AuthKitEvent, options: GetSignInUrlOptions = {}): Promise<string> {
  // The sign-ins one request starts (a layout's and a page's load run in parallel) go one after
  // the other, each reading the pending sign-ins the previous one wrote, so none is lost.
  const previous = signInQueues.get(event.locals) ?? Promise.resolve();
  const next = previous.then(async () => {
    const { core } = getAuthState(event);
    const cookie = serializeCookieHeader(event.cookies.getAll());
    const { url, setCookies } = await orHttpError(() =>
      core.getSignInUrl({ ...options, request: { headers: new Headers({ cookie }) } }),
    );
    writeCookies(event, setCookies);
    return url;
  });
  signInQueues.set(
    event.locals,
    next.then(
      () => undefined,
      () => undefined,
    ),
  );
  return next;
}

const signInQueues = new WeakMap<object, Promise<void>>();
/** Per request and return path: the sign-in URL every load that needs auth redirects to. */
const signInRedirects = new WeakMap<object, Map<string, Promise<string>>>();

/** {@link getSignInUrl} on the sign-up screen. */
export function getSignUpUrl(
  event: AuthKitEvent,
  options: Omit<GetSignInUrlOptions, 'screenHint'> = {},
): Promise<string> {
  return getSignInUrl(event, { ...options, screenHint: 'sign-up' });
}

/**
 * The signed-in user, for load functions, actions and endpoints. Signed-out visitors are
 * redirected to sign in and come back to the current URL.
 *
 * @param options.signInPath redirect to this app route with `?returnTo=` instead of straight to WorkOS.
 * @example
 * ```ts
 * export const load = async (event) => {
 *   const auth = await requireAuth(event);
 *   return { email: auth.user.email };
 * };
 * ```
 * @throws {Redirect} to the sign-in page when signed out.
 */
export async function requireAuth(event: AuthKitEvent, options: { signInPath?: string } = {}): Promise<Auth> {
  const { auth } = getAuthState(event);
  if (auth) return auth;
  const returnTo = `${event.url.pathname}${event.url.search}`;
  if (options.signInPath) redirect(303, `${options.signInPath}?returnTo=${encodeURIComponent(returnTo)}`);
  // Every load of the request that needs auth redirects to the same sign-in.
  const redirects = signInRedirects.get(event.locals) ?? new Map<string, Promise<string>>();
  signInRedirects.set(event.locals, redirects);
  const pending = redirects.get(returnTo) ?? getSignInUrl(event, { returnTo });
  redirects.set(returnTo, pending);
  const url = await pending;
  redirect(303, url, { external: [new URL(url).origin] });
}

/**
 * Signs out: clears the session cookie and returns WorkOS's logout URL (which ends the session
 * upstream, then comes back to `returnTo`). Redirect to it with `redirect(303, url, { external: true })`.
 */
export async function signOut(event: AuthKitEvent, options: { returnTo?: string } = {}): Promise<string> {
  const { core } = getAuthState(event);
  const { redirectTo, setCookies } = await orHttpError(() => core.signOut(event.request, options));
  applyResult(event, { auth: null, session: null, setCookies });
  return redirectTo;
}

/**
 * Switches the session to another organization of the user and writes the new cookie; the rest
 * of the request sees the new auth.
 *
 * @throws {HttpError} 401 when signed out, 403 when the user is not a member, 503 when WorkOS is unreachable.
 */
export async function switchToOrganization(event: AuthKitEvent, organizationId: string): Promise<Auth> {
  const { core, session } = getAuthState(event);
  if (!session) error(401, 'Sign in before switching organizations');
  const result = await orHttpError(() => core.switchToOrganization(session, organizationId));
  applyResult(event, result);
  if (!result.auth) error(401, 'The session has ended');
  return result.auth;
}

/**
 * Refreshes the session now (for instance after changing the user's roles), optionally scoped to
 * an organization, and writes the new cookie.
 *
 * @throws {HttpError} 401 when signed out or the session has ended, 503 when WorkOS is unreachable.
 */
export async function refreshSession(
  event: AuthKitEvent,
  options: { organizationId?: string } = {},
): Promise<Auth> {
  const { core, session } = getAuthState(event);
  if (!session) error(401, 'Sign in first');
  const result = await orHttpError(() =>
    core.refreshSession(session, { ...options, request: event.request }),
  );
  applyResult(event, result);
  if (!result.auth) error(401, 'The session has ended');
  return result.auth;
}

/** What pages may see of the user: everything but the access token. Serializable for load data. */
export type ClientAuth = Omit<Auth, 'accessToken' | 'claims'>;

/** The part of `locals.auth` to return from a (root layout) load function; `null` when signed out. */
export function toClientAuth(auth: Auth | null): ClientAuth | null {
  if (!auth) return null;
  const { accessToken: _accessToken, claims: _claims, ...rest } = auth;
  return rest;
}

/** Turns core's user-facing errors (4xx, 503) into SvelteKit HTTP errors, so they never become a 500. */
async function orHttpError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (caught) {
    if (isAuthKitError(caught) && caught.status < 500) error(caught.status, caught.message);
    if (isAuthKitError(caught) && caught.isTransient) error(503, caught.message);
    throw caught;
  }
}
