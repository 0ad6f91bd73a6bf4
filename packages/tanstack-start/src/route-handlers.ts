import { authErrorResponse, type CallbackHooks, isAuthKitError, redirectResponse } from '@authkit-ssr/core';
import { applyResult, getRequestState, writeCookies } from './request-state.js';

export type { CallbackHooks };

/** The shape of a TanStack Start server-route handler (`server.handlers.GET` and friends). */
export type ServerRouteHandler = (ctx: { request: Request }) => Promise<Response>;

/**
 * The OAuth callback: exchanges the code, writes the session cookie, redirects (302) to the
 * `returnTo` of the sign-in. A wrong or missing `state`, a missing PKCE cookie or an error sent
 * back by WorkOS answers a short 400 page instead of a 500.
 *
 * @example
 * ```ts
 * // src/routes/api/auth/callback.ts
 * export const Route = createFileRoute('/api/auth/callback')({
 *   server: { handlers: { GET: handleCallbackRoute() } },
 * });
 * ```
 */
export function handleCallbackRoute(hooks: CallbackHooks = {}): ServerRouteHandler {
  return ({ request }) =>
    respond(async () => {
      const state = await getRequestState();
      const result = await state.core.handleCallback(request, hooks);
      applyResult(state, result);
      return redirectResponse(result.redirectTo);
    });
}

/**
 * Starts a sign-in (or sign-up with `screenHint: 'sign-up'`): redirects to AuthKit. The return
 * path comes from the `returnTo` query parameter and must be same-origin (else 400).
 */
export function handleSignInRoute(options: { screenHint?: 'sign-in' | 'sign-up' } = {}): ServerRouteHandler {
  return ({ request }) =>
    respond(async () => {
      const state = await getRequestState();
      const returnTo = new URL(request.url).searchParams.get('returnTo') ?? undefined;
      const { url, setCookies } = await state.core.getSignInUrl({
        returnTo,
        screenHint: options.screenHint ?? 'sign-in',
        request,
      });
      writeCookies(setCookies);
      return redirectResponse(url);
    });
}

/**
 * Signs out: clears the cookie and redirects (303) to WorkOS's logout URL. Use it for POST (the
 * CSRF middleware guards it); a GET sign-out can be triggered by any page that links to it.
 */
export function handleSignOutRoute(options: { returnTo?: string } = {}): ServerRouteHandler {
  return () =>
    respond(async () => {
      const state = await getRequestState();
      const result = await state.core.signOut(state.session, options);
      applyResult(state, { auth: null, session: null, setCookies: result.setCookies });
      return redirectResponse(result.redirectTo, [], 303);
    });
}

// These routes are browser navigations: errors get a page whatever the Accept header says.
async function respond(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (!isAuthKitError(error) || !error.isUserFacing) throw error;
    return authErrorResponse(error, undefined, { page: true });
  }
}
