import 'server-only';
import {
  type AuthKitError,
  authErrorResponse,
  getFreshAccessToken,
  isAuthKitError,
  redirectResponse,
} from '@authkit-ssr/core';
import type { AuthenticationResponse, OauthTokens, User } from '@workos-inc/node';
import type { NextRequest } from 'next/server';
import type { AppCore } from './app-core.js';
import type { ClientAuth } from './client-auth.js';
import { toClientAuth } from './client-auth.js';

/** A Next.js Route Handler. */
export type RouteHandler = (request: NextRequest) => Promise<Response>;

/** What the access-token route answers (and `useAccessToken()` reads). */
export interface AccessTokenBody {
  accessToken: string | null;
  /** ISO date. */
  expiresAt: string | null;
  auth: ClientAuth | null;
}

/** What `handleAuth`'s `onSuccess` receives. */
export interface HandleAuthSuccessData {
  accessToken: string;
  refreshToken: string;
  user: User;
  impersonator?: { email: string; reason: string | null };
  oauthTokens?: OauthTokens;
  organizationId?: string;
  authenticationMethod?: AuthenticationResponse['authenticationMethod'];
  /** The `state` given to `getSignInUrl`, as it was given. */
  state?: string;
}

/** Options of `handleAuth`. */
export interface HandleAuthOptions {
  /** Where to land when the sign-in was started without `returnTo`. Default `/`. */
  returnPathname?: string;
  /** Redirect to this origin instead of the redirect URI's (an app behind a proxy that rewrites the host). */
  baseURL?: string;
  /** Runs after a successful sign-in, before the redirect (store `oauthTokens`, say). */
  onSuccess?: (data: HandleAuthSuccessData) => void | Promise<void>;
  /** Answers a failed callback yourself; without it (or when it returns nothing) a 4xx page, or 503 for an outage. */
  onError?: (params: {
    error?: unknown;
    request: NextRequest;
  }) => Response | undefined | Promise<Response | undefined>;
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
   * The OAuth callback (`GET`, at the path of the redirect URI): completes the sign-in and
   * redirects to the `returnTo` it started with. A wrong or missing state, or an error from WorkOS,
   * is answered with a 4xx page; an outage with 503.
   * @example `export const GET = handleAuth();` in `app/callback/route.ts`
   */
  function handleAuth(options: HandleAuthOptions = {}): RouteHandler {
    return async (request) => {
      let failure: AuthKitError | undefined;
      try {
        const { redirectTo, setCookies } = await app.core().handleCallback(request, {
          onSuccess: async ({ session, auth }) => {
            await options.onSuccess?.({
              accessToken: session.accessToken,
              refreshToken: session.refreshToken,
              user: session.user,
              ...(session.impersonator ? { impersonator: session.impersonator } : {}),
              ...(auth.organizationId ? { organizationId: auth.organizationId } : {}),
            });
          },
          onError: (error) => {
            failure = error;
          },
        });
        const landing = new URL(redirectTo);
        if (options.baseURL) {
          const base = new URL(options.baseURL);
          landing.protocol = base.protocol;
          landing.host = base.host;
        }
        return redirectResponse(landing.toString(), setCookies);
      } catch (error) {
        const custom = await options.onError?.({ error: failure ?? error, request });
        if (custom) return custom;
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

  /**
   * Signs out (`POST` from this app's own pages only: a cross-site request is refused with 403 and
   * the cookie left alone): clears the cookie and answers 303 to WorkOS's logout URL.
   */
  function handleSignOut(options: { returnTo?: string } = {}): RouteHandler {
    return async (request) => {
      const core = app.core();
      if (request.method !== 'POST')
        return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } });
      if (!isSameOriginRequest(request, core.options.appOrigin))
        return new Response('Forbidden: cross-site sign-out', {
          status: 403,
          headers: { 'Cache-Control': 'no-store' },
        });
      try {
        const returnTo = options.returnTo ?? new URL(request.url).searchParams.get('returnTo') ?? undefined;
        const { redirectTo, setCookies } = await core.signOut(request, { returnTo });
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
      const headers = new Headers({ 'Cache-Control': 'private, no-store', Vary: 'Cookie' });
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

// Until core's auth routes land: Sec-Fetch-Site same-origin, or an Origin equal to the app's.
function isSameOriginRequest(request: Request, appOrigin: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return true;
  const origin = request.headers.get('origin');
  return (
    origin !== null && origin !== 'null' && (origin === appOrigin || origin === new URL(request.url).origin)
  );
}
