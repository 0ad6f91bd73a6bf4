import 'server-only';
import {
  authErrorResponse,
  type CallbackHooks,
  getFreshAccessToken,
  isAuthKitError,
  redirectResponse,
} from '@authkit-ssr/core';
import type { AppCore } from './app-core.js';
import type { ClientAuth } from './client-auth.js';
import { toClientAuth } from './client-auth.js';

/** A Next.js Route Handler. */
export type RouteHandler = (request: Request) => Promise<Response>;

/** What the access-token route answers (and `useAccessToken()` reads). */
export interface AccessTokenBody {
  accessToken: string | null;
  /** ISO date. */
  expiresAt: string | null;
  auth: ClientAuth | null;
}

/**
 * Answers an AuthKitError (4xx, or 503 for outages); anything else is a bug and is rethrown. The
 * callback and sign-in routes are browser navigations: `page` answers HTML whatever `Accept` says.
 */
function handleError(error: unknown, request: Pick<Request, 'headers'>, page = false): Response {
  if (isAuthKitError(error) && (error.isTransient || error.status < 500))
    return authErrorResponse(error, request, { page });
  throw error;
}

export function createRouteHandlers<TClaims extends object>(app: AppCore<TClaims>) {
  /**
   * The OAuth callback (`GET`, at the path of `WORKOS_REDIRECT_URI`): completes the sign-in and
   * redirects to the `returnTo` it started with. A wrong or missing state, or an error from WorkOS,
   * is answered with a 4xx page; an outage with 503.
   * @example `export const GET = handleAuth();` in `app/api/auth/callback/route.ts`
   */
  function handleAuth(hooks: CallbackHooks<TClaims> = {}): RouteHandler {
    return async (request) => {
      try {
        const { redirectTo, setCookies } = await app.core().handleCallback(request, hooks);
        return redirectResponse(redirectTo, setCookies);
      } catch (error) {
        return handleError(error, request, true);
      }
    };
  }

  /**
   * Starts a sign-in (`GET ?returnTo=&loginHint=&organizationId=&screenHint=sign-up`): sets the
   * sign-in cookie and redirects to AuthKit. A `returnTo` on another origin is refused with 400.
   */
  function handleSignIn(options: { screenHint?: 'sign-in' | 'sign-up' } = {}): RouteHandler {
    return async (request) => {
      const query = new URL(request.url).searchParams;
      const screenHint =
        options.screenHint ?? (query.get('screenHint') === 'sign-up' ? 'sign-up' : 'sign-in');
      try {
        const { url, setCookies } = await app.core().getSignInUrl({
          returnTo: query.get('returnTo') ?? '/',
          loginHint: query.get('loginHint') ?? undefined,
          organizationId: query.get('organizationId') ?? undefined,
          screenHint,
          request,
        });
        return redirectResponse(url, setCookies);
      } catch (error) {
        return handleError(error, request, true);
      }
    };
  }

  /** Signs out (`POST`, or `GET`): clears the cookie and answers 303 to WorkOS's logout URL. */
  function handleSignOut(options: { returnTo?: string } = {}): RouteHandler {
    return async (request) => {
      try {
        const { redirectTo, setCookies } = await app.core().signOut(request, options);
        return redirectResponse(redirectTo, setCookies, 303);
      } catch (error) {
        return handleError(error, request);
      }
    };
  }

  /**
   * `GET`: the access token for `useAccessToken()`, refreshed first when it expires within
   * `minValiditySeconds` (default 60). The refresh token never leaves the HttpOnly cookie.
   */
  function handleAccessToken(options: { minValiditySeconds?: number } = {}): RouteHandler {
    return async (request) => {
      const headers = new Headers({ 'Cache-Control': 'no-store' });
      try {
        const { auth, setCookies } = await getFreshAccessToken(app.core(), request, options);
        for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
        const body: AccessTokenBody = {
          accessToken: auth?.accessToken ?? null,
          expiresAt: auth?.accessTokenExpiresAt.toISOString() ?? null,
          auth: toClientAuth(auth),
        };
        return Response.json(body, { status: auth ? 200 : 401, headers });
      } catch (error) {
        return handleError(error, request);
      }
    };
  }

  return { handleAuth, handleSignIn, handleSignOut, handleAccessToken };
}
