import 'server-only';
import {
  type AccessTokenRouteBody,
  applySessionCacheHeaders,
  type CallbackResult,
  isAuthKitError,
  isSameOriginRequest,
  type SignInRouteOptions,
  toClientAuth,
} from '@authkit-ssr/core';
import type { NextRequest } from 'next/server';
import type { AppCore } from './app-core.js';

/** A Next.js Route Handler. */
export type RouteHandler = (request: NextRequest) => Promise<Response>;

/** What the access-token route answers (and `useAccessToken()` reads). */
export type AccessTokenBody = AccessTokenRouteBody<Record<string, unknown>>;

/**
 * What `handleAuth`'s `onSuccess` receives: `accessToken`, `refreshToken`, `user`, `impersonator`,
 * `oauthTokens`, `organizationId`, `authenticationMethod` and your `state`, as WorkOS's kit passes
 * them, plus the verified `auth`.
 */
export type HandleAuthSuccessData<TClaims extends object = Record<string, unknown>> = CallbackResult<TClaims>;

/** Options of `handleAuth`. */
export interface HandleAuthOptions<TClaims extends object = Record<string, unknown>> {
  /** Where to land when the sign-in was started without `returnTo`. Default `/`. */
  returnPathname?: string;
  /** Redirect to this origin instead of the redirect URI's (an app behind a proxy that rewrites the host). */
  baseURL?: string;
  /** Runs after a successful sign-in, before the redirect (store `oauthTokens`, say). */
  onSuccess?: (data: HandleAuthSuccessData<TClaims>) => void | Promise<void>;
  /** Answers a failed callback yourself; without it (or when it returns nothing) a 4xx page, or 503 for an outage. */
  onError?: (params: {
    error?: unknown;
    request: NextRequest;
  }) => Response | undefined | Promise<Response | undefined>;
}

/** core's auth routes, mounted as Route Handlers: each answers its complete response. */
export function createRouteHandlers<TClaims extends object>(app: AppCore<TClaims>) {
  /**
   * The OAuth callback (`GET`, at the path of the redirect URI): completes the sign-in and
   * redirects to the `returnTo` it started with. A wrong or missing state, or an error from WorkOS,
   * is answered with a 4xx page; an outage with 503; never a 500.
   * @example `export const GET = handleAuth();` in `app/callback/route.ts`
   */
  function handleAuth(options: HandleAuthOptions<TClaims> = {}): RouteHandler {
    const { onError, ...callbackOptions } = options;
    return async (request) => {
      const { response } = await app.core().handleCallbackRoute(request, {
        ...callbackOptions,
        ...(onError ? { onError: ({ error }) => onError({ error, request }) } : {}),
      });
      return response;
    };
  }

  /**
   * Starts a sign-in (`GET ?returnTo=&loginHint=&organizationId=&screenHint=sign-up&prompt=&maxAge=`):
   * sets the sign-in cookie and redirects to AuthKit. A `returnTo` on another origin is refused with 400.
   */
  function handleSignIn(options: SignInRouteOptions = {}): RouteHandler {
    return async (request) => (await app.core().handleSignInRoute(request, options)).response;
  }

  /**
   * Signs out: a `POST` from this app's own pages (a cross-site request or a `GET` is refused and
   * the cookie left alone) clears the cookie and answers 303 to WorkOS's logout URL, which comes back
   * to `returnTo` (the option, else the `returnTo` query parameter).
   */
  function handleSignOut(options: { returnTo?: string; allowGet?: boolean } = {}): RouteHandler {
    return async (request) => {
      const returnTo = options.returnTo ?? request.nextUrl.searchParams.get('returnTo') ?? undefined;
      const result = await app.core().handleSignOutRoute(request, {
        ...options,
        ...(returnTo === undefined ? {} : { returnTo }),
      });
      return result.response;
    };
  }

  /**
   * `GET`: the access token for `useAccessToken()`, refreshed first when it expires within
   * `minValiditySeconds` (default 60). The refresh token never leaves the HttpOnly cookie.
   * `POST { organizationId }` from the app's own pages switches organization (`useAuth().switchToOrganization`).
   */
  function handleAccessToken(options: { minValiditySeconds?: number } = {}): RouteHandler {
    return async (request) => {
      if (request.method === 'POST') return switchOrganization(request);
      return (await app.core().handleAccessTokenRoute(request, options)).response;
    };
  }

  async function switchOrganization(request: NextRequest): Promise<Response> {
    const core = app.core();
    const headers = new Headers();
    applySessionCacheHeaders(headers);
    // A state-changing request: only from the app's own pages, as for sign-out.
    if (!isSameOriginRequest(request, core.options.appOrigin))
      return Response.json({ error: 'cross_site_request' }, { status: 403, headers });
    const body = (await request.json().catch(() => null)) as { organizationId?: unknown } | null;
    if (typeof body?.organizationId !== 'string' || body.organizationId === '')
      return Response.json({ error: 'invalid_request' }, { status: 400, headers });
    try {
      const { auth, setCookies } = await core.switchToOrganization(request, body.organizationId);
      for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
      const result = {
        accessToken: auth?.accessToken ?? null,
        expiresAt: auth?.accessTokenExpiresAt.toISOString() ?? null,
        auth: toClientAuth(auth),
      };
      return Response.json(result, { status: auth ? 200 : 401, headers });
    } catch (error) {
      if (!isAuthKitError(error)) throw error;
      return Response.json({ error: error.code }, { status: error.status, headers });
    }
  }

  return { handleAuth, handleSignIn, handleSignOut, handleAccessToken };
}
