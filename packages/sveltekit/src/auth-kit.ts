import { type Auth, isAuthKitError, type SignInUrlOptions, serializeCookieHeader } from '@authkit-ssr/core';
import { error, type RequestEvent, redirect } from '@sveltejs/kit';
import type { User } from '@workos-inc/node';
import { currentEvent } from './request-context.js';
import {
  type AuthKitEvent,
  type AuthKitLocals,
  applyResult,
  getAuthState,
  writeCookies,
} from './request-state.js';
import { handleCallbackRoute } from './routes.js';

/** Options of `authKit.getSignInUrl` / `getSignUpUrl`: the kit's (`returnTo`, `organizationId`, `loginHint`) and core's. */
export type SignInOptions = Omit<SignInUrlOptions, 'request'>;

/** The signed-in auth of `App.Locals`, with the custom claims typed there (`AuthKitLocals<TClaims>`). */
export type LocalsSignedInAuth = App.Locals extends { auth: infer A } ? Extract<A, { user: User }> : Auth;

/** A load function, action or endpoint that `authKit.withAuth` only calls for a signed-in user. */
export type AuthenticatedHandler<TEvent extends RequestEvent, T> = (
  event: TEvent & { auth: LocalsSignedInAuth },
) => T | Promise<T>;

/**
 * The helpers of `@workos/authkit-sveltekit`, on this package's sessions. Call them inside a
 * request that `authKitHandle()` handles.
 */
export const authKit = {
  /**
   * Wraps a load function or form action: signed-out visitors are redirected (302) to AuthKit and
   * come back to this URL; signed-in ones reach `handler` with `event.auth` (user, organization,
   * role, permissions, typed claims). The loads of one request that redirect share one sign-in.
   *
   * @example
   * ```ts
   * export const load = authKit.withAuth(async ({ auth }) => ({ email: auth.user.email }));
   * ```
   */
  withAuth<TEvent extends RequestEvent, T>(
    handler: AuthenticatedHandler<TEvent, T>,
  ): (event: TEvent) => Promise<T> {
    return async (event) => {
      // locals.auth, not the state's: plain data that a load may return as is.
      const { auth } = event.locals as AuthKitLocals;
      if (auth.user) return handler({ ...event, auth: auth as LocalsSignedInAuth });
      const url = await signInRedirect(event);
      redirect(302, url, { external: [new URL(url).origin] });
    };
  },

  /** The signed-in user of the request, or `null`. */
  async getUser(event: Pick<AuthKitEvent, 'locals'>): Promise<User | null> {
    getAuthState(event);
    return (event.locals as AuthKitLocals).auth.user;
  },

  /**
   * An AuthKit sign-in URL for this browser (PKCE and state); writes the cookie that keeps them
   * until the callback on the current request's response.
   *
   * @throws {HttpError} 400 when `returnTo` leaves the app's origin.
   */
  async getSignInUrl(options: SignInOptions = {}): Promise<string> {
    return getSignInUrl(currentEvent(), options);
  },

  /** {@link authKit.getSignInUrl} on the sign-up screen. */
  async getSignUpUrl(options: SignInOptions = {}): Promise<string> {
    return getSignInUrl(currentEvent(), { ...options, screenHint: 'sign-up' });
  },

  /**
   * Signs out: clears the session cookie and redirects (303) to WorkOS's logout URL, which ends the
   * session upstream and comes back to `returnTo` (default: the app's home page). Only for requests
   * from the app's own pages (else 403, cookie untouched). Thrown as SvelteKit's redirect, so
   * `return authKit.signOut(event)` works in a form action as well as in an endpoint.
   *
   * @throws {Redirect} on success; {HttpError} 403 for a cross-site request, 503 during an outage.
   */
  async signOut(event: AuthKitEvent, options: { returnTo?: string } = {}): Promise<Response> {
    const { core } = getAuthState(event);
    // The method is the caller's choice (form action, POST or GET endpoint); the origin check is not.
    const { response, change } = await core.handleSignOutRoute(event.request, { ...options, allowGet: true });
    const location = response.headers.get('location');
    if (!location || !change) error(response.status, 'Sign-out refused');
    applyResult(event, change);
    redirect(303, location, { external: [new URL(location).origin] });
  },

  /**
   * Switches the session to another organization of the user, writes the new cookie and
   * redirects (303) back to the current path. Thrown as SvelteKit's redirect, so it works in a
   * form action and an endpoint.
   *
   * @throws {Redirect} on success; {HttpError} 401 when signed out, 403 when the user is not a
   *   member, 503 when WorkOS is unreachable.
   */
  async switchOrganization(event: AuthKitEvent, options: { organizationId: string }): Promise<Response> {
    await switchOrganizationInPlace(event, options.organizationId);
    redirect(303, event.url.pathname);
  },

  /**
   * Refreshes the session now (after changing the user's roles, say) and writes the new cookie;
   * the rest of the request sees the new auth.
   *
   * @returns `true` when a session was refreshed, `false` when signed out or the session has ended.
   * @throws {HttpError} 503 when WorkOS is unreachable (the cookie is kept).
   */
  async refreshSession(event: AuthKitEvent, options: { organizationId?: string } = {}): Promise<boolean> {
    const { core, session } = getAuthState(event);
    if (!session) return false;
    const result = await orHttpError(() =>
      core.refreshSession(session, { ...options, request: event.request }),
    );
    return applyResult(event, result).auth !== null;
  },

  /**
   * The OAuth callback endpoint (`src/routes/<callback path>/+server.ts`, the path of
   * `WORKOS_REDIRECT_URI`): exchanges the code, writes the session cookie and redirects to the
   * sign-in's `returnTo`. Errors answer a short 4xx page, an outage a 503, never a 500.
   *
   * @example
   * ```ts
   * export const GET = authKit.handleCallback();
   * ```
   */
  handleCallback: handleCallbackRoute,
};

/**
 * Switches organization without redirecting: our addition for endpoints that answer JSON.
 *
 * @throws {HttpError} 401 when signed out, 403 when the user is not a member, 503 when WorkOS is unreachable.
 */
export async function switchOrganizationInPlace(event: AuthKitEvent, organizationId: string): Promise<Auth> {
  const { core, session } = getAuthState(event);
  if (!session) error(401, 'Sign in before switching organizations');
  const result = await orHttpError(() => core.switchToOrganization(session, organizationId));
  const { auth } = applyResult(event, result);
  if (!auth) error(401, 'The session has ended');
  return auth;
}

async function getSignInUrl(event: AuthKitEvent, options: SignInOptions): Promise<string> {
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
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  signInQueues.set(event.locals, settled);
  return next;
}

const signInQueues = new WeakMap<object, Promise<void>>();
/** Per request and return path: the sign-in URL every load that needs auth redirects to. */
const signInRedirects = new WeakMap<object, Map<string, Promise<string>>>();

function signInRedirect(event: AuthKitEvent): Promise<string> {
  const returnTo = `${event.url.pathname}${event.url.search}`;
  const redirects = signInRedirects.get(event.locals) ?? new Map<string, Promise<string>>();
  signInRedirects.set(event.locals, redirects);
  const pending = redirects.get(returnTo) ?? getSignInUrl(event, { returnTo });
  redirects.set(returnTo, pending);
  return pending;
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
