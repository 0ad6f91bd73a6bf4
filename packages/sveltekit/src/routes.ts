import {
  authErrorResponse,
  type CallbackHooks,
  getFreshAccessToken,
  isAuthKitError,
  redirectResponse,
} from '@authkit-ssr/core';
import { isHttpError } from '@sveltejs/kit';
import { type AuthKitEvent, applyResult, getAuthState, writeCookies } from './request-state.js';

export type { CallbackHooks };

/** A `+server.ts` request handler (`export const GET = …`). */
export type AuthKitRequestHandler = (event: AuthKitEvent) => Promise<Response>;

/**
 * The OAuth callback (`src/routes/<callback path>/+server.ts`, the path of `WORKOS_REDIRECT_URI`):
 * exchanges the code, writes the session cookie and redirects (302) to the sign-in's `returnTo`.
 * A wrong or missing `state`, a missing sign-in cookie or an error sent back by WorkOS answers a
 * short 4xx page, an outage a 503 page, never a 500.
 *
 * @example
 * ```ts
 * export const GET = handleCallbackRoute();
 * ```
 */
export function handleCallbackRoute(hooks: CallbackHooks = {}): AuthKitRequestHandler {
  return (event) =>
    respond(async () => {
      const { core } = getAuthState(event);
      const result = await core.handleCallback(event.request, hooks);
      applyResult(event, result);
      // A Response rather than `redirect()`: WorkOS is another origin, and behind a proxy
      // `event.url` may not carry the public origin that the callback's absolute URL uses.
      return redirectResponse(result.redirectTo);
    });
}

/**
 * Starts a sign-in (or a sign-up with `screenHint: 'sign-up'`): redirects (302) to AuthKit. The
 * return path comes from the `returnTo` query parameter and must be same-origin (else 400).
 *
 * @example
 * ```ts
 * // src/routes/api/auth/sign-in/+server.ts
 * export const GET = handleSignInRoute();
 * ```
 */
export function handleSignInRoute(
  options: { screenHint?: 'sign-in' | 'sign-up' } = {},
): AuthKitRequestHandler {
  return (event) =>
    respond(async () => {
      const { core } = getAuthState(event);
      const { url, setCookies } = await core.getSignInUrl({
        returnTo: event.url.searchParams.get('returnTo') ?? undefined,
        screenHint: options.screenHint ?? 'sign-in',
        request: event.request,
      });
      writeCookies(event, setCookies);
      return redirectResponse(url);
    });
}

/**
 * Signs out: clears the session cookie and redirects (303) to WorkOS's logout URL, which comes
 * back to `returnTo`. Mount it as `POST` (SvelteKit's CSRF check guards form posts).
 *
 * @example
 * ```ts
 * // src/routes/api/auth/sign-out/+server.ts
 * export const POST = handleSignOutRoute();
 * ```
 */
export function handleSignOutRoute(options: { returnTo?: string } = {}): AuthKitRequestHandler {
  return (event) =>
    respond(async () => {
      const { core } = getAuthState(event);
      const { redirectTo: logoutUrl, setCookies } = await core.signOut(event.request, options);
      applyResult(event, { auth: null, session: null, setCookies });
      return redirectResponse(logoutUrl, [], 303);
    });
}

/**
 * `GET` → `{ accessToken, expiresAt }` for the browser (`getAccessToken()` from
 * `@authkit-ssr/sveltekit/client`), refreshing the session first when the token expires within
 * `minValiditySeconds` (default 60). 401 `{ accessToken: null }` when signed out.
 */
export function handleAccessTokenRoute(options: { minValiditySeconds?: number } = {}): AuthKitRequestHandler {
  return async (event) => {
    let state = getAuthState(event);
    try {
      const fresh = await getFreshAccessToken(state.core, state, { ...options, request: event.request });
      state = applyResult(event, fresh);
    } catch (error) {
      if (!isAuthKitError(error)) throw error;
      const status = error.isTransient ? 503 : error.status;
      return Response.json({ accessToken: null, error: error.code }, { status, headers: NO_STORE });
    }
    if (!state.auth) return Response.json({ accessToken: null }, { status: 401, headers: NO_STORE });
    return Response.json(
      { accessToken: state.auth.accessToken, expiresAt: state.auth.accessTokenExpiresAt.toISOString() },
      { headers: NO_STORE },
    );
  };
}

const NO_STORE = { 'Cache-Control': 'no-store' };

// These routes are browser navigations: errors get a page whatever the Accept header says.
async function respond(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (isHttpError(error)) throw error;
    if (!isAuthKitError(error) || !(error.isUserFacing || error.isTransient)) throw error;
    return authErrorResponse(error, undefined, { page: true });
  }
}
