import { authErrorResponse, isAuthKitError, redirectResponse, type Session } from '@authkit-ssr/core';
import { applyResult, getRequestState, writeCookies } from './request-state.js';

/** The shape of a TanStack Start server-route handler (`server.handlers.GET` and friends). */
export type ServerRouteHandler = (ctx: { request: Request }) => Promise<Response>;

/** Tokens of the upstream identity provider (Google, Microsoft, …) when WorkOS returns them. */
export interface OauthTokens {
  [key: string]: unknown;
}

/** What `onSuccess` receives after a sign-in. */
export interface HandleAuthSuccessData {
  accessToken: string;
  refreshToken: string;
  user: Session['user'];
  impersonator?: Session['impersonator'];
  oauthTokens?: OauthTokens;
  authenticationMethod?: string;
  organizationId?: string;
  /** The custom `state` passed to `getSignInUrl` / `getAuthorizationUrl`. */
  state?: string;
}

/** Options of {@link handleCallbackRoute}. */
export interface HandleCallbackOptions {
  /** Where to land after sign-in. */
  returnPathname?: string;
  onSuccess?: (data: HandleAuthSuccessData) => void | Promise<void>;
  /** Answers a failed callback; wins over `errorRedirectUrl`. What it throws is not caught. */
  onError?: (params: { error?: unknown; request: Request }) => Response | Promise<Response>;
  /** Redirect here (absolute, or relative to the app) when the callback fails. Set by your code only. */
  errorRedirectUrl?: string;
}

/**
 * The OAuth callback: exchanges the code, writes the session cookie, redirects to the return path
 * of the sign-in. A wrong or missing `state`, a missing PKCE cookie or an error sent back by WorkOS
 * answers a short 4xx page (or `onError` / `errorRedirectUrl`), never a 500.
 *
 * @example
 * ```ts
 * // src/routes/api/auth/callback.ts
 * export const Route = createFileRoute('/api/auth/callback')({
 *   server: { handlers: { GET: handleCallbackRoute({ onSuccess: ({ user }) => audit(user.id) }) } },
 * });
 * ```
 */
export function handleCallbackRoute(options: HandleCallbackOptions = {}): ServerRouteHandler {
  return async ({ request }) => {
    try {
      const state = await getRequestState();
      const result = await state.core.handleCallback(request);
      await options.onSuccess?.({
        accessToken: result.session.accessToken,
        refreshToken: result.session.refreshToken,
        user: result.session.user,
        ...(result.session.impersonator ? { impersonator: result.session.impersonator } : {}),
        ...(result.auth.organizationId ? { organizationId: result.auth.organizationId } : {}),
      });
      applyResult(state, result);
      const landing = options.returnPathname
        ? new URL(options.returnPathname, request.url)
        : result.redirectTo;
      return redirectResponse(landing.toString());
    } catch (error) {
      if (options.onError) return options.onError({ error, request });
      if (options.errorRedirectUrl)
        return redirectResponse(new URL(options.errorRedirectUrl, request.url).toString());
      return errorPage(error);
    }
  };
}

/**
 * Our addition: starts a sign-in (or sign-up with `screenHint: 'sign-up'`) and redirects to
 * AuthKit. The return path comes from the `returnPathname` (or `returnTo`) query parameter and must
 * be same-origin (else 400).
 */
export function handleSignInRoute(options: { screenHint?: 'sign-in' | 'sign-up' } = {}): ServerRouteHandler {
  return async ({ request }) => {
    try {
      const state = await getRequestState();
      const query = new URL(request.url).searchParams;
      const returnTo = query.get('returnPathname') ?? query.get('returnTo') ?? undefined;
      const { url, setCookies } = await state.core.getSignInUrl({
        returnTo,
        screenHint: options.screenHint ?? 'sign-in',
        redirectUri: state.redirectUri,
        request,
      });
      writeCookies(setCookies);
      return redirectResponse(url);
    } catch (error) {
      return errorPage(error);
    }
  };
}

/**
 * Our addition: signs out, clearing the cookie and redirecting (303) to WorkOS's logout URL. Mount
 * it as POST (the CSRF middleware guards it); a GET sign-out can be triggered by any other site.
 */
export function handleSignOutRoute(options: { returnTo?: string } = {}): ServerRouteHandler {
  return async () => {
    try {
      const state = await getRequestState();
      const result = await state.core.signOut(state.session, options);
      applyResult(state, { auth: null, session: null, setCookies: result.setCookies });
      return redirectResponse(result.redirectTo, [], 303);
    } catch (error) {
      return errorPage(error);
    }
  };
}

// These routes are browser navigations: errors get a page whatever the Accept header says.
function errorPage(error: unknown): Response {
  if (!isAuthKitError(error) || !(error.isUserFacing || error.isTransient)) throw error;
  return authErrorResponse(error, undefined, { page: true });
}
