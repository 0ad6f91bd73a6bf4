import type { AuthKitCore, CallbackLanding, CallbackResult, SignInUrlOptions } from './authkit-core.js';
import { applySessionCacheHeaders } from './cache-headers.js';
import { type ClientAuth, toClientAuth } from './client-auth.js';
import { authErrorResponse } from './error-response.js';
import { AuthKitError, isAuthKitError } from './errors.js';
import { getFreshAccessToken } from './fresh-access-token.js';
import { isDocumentNavigation, navigationRequiredResponse } from './navigation.js';
import { organizationPickerPage } from './organization-picker-page.js';
import { ORGANIZATION_SELECTION_PARAM } from './organization-selection.js';
import type { SessionChange } from './request-auth-state.js';
import { isSameOriginRequest } from './same-origin.js';

/**
 * What an auth route hands back: a complete `response` (status, `Location` or body, every
 * `Set-Cookie` in order, cache headers) and the session `change` it made, for the adapter to hand to
 * the rest of the same request.
 */
export interface AuthRouteResult<TClaims extends object = Record<never, never>> {
  response: Response;
  /** Signed in (callback), signed out (sign-out), refreshed (access token); absent when nothing changed. */
  change?: SessionChange<TClaims>;
}

/** Options of the sign-in and sign-up routes; they win over the query parameters. */
export type SignInRouteOptions = Omit<SignInUrlOptions, 'request'>;

/** Options of the callback route. */
export interface CallbackRouteOptions<TClaims extends object = Record<never, never>> extends CallbackLanding {
  /** Called once the session is sealed, before the redirect. */
  onSuccess?: (data: CallbackResult<TClaims>) => void | Promise<void>;
  /** Called when the sign-in fails; a `Response` it returns is sent instead of the error page. */
  onError?: (context: {
    error: AuthKitError;
    request: Request;
  }) => Response | undefined | Promise<Response | undefined>;
  /** Redirect here (same-origin path or URL) on failure instead of answering the error page. */
  errorRedirectUrl?: string;
  /**
   * The app's own organization picker (a same-origin path), shown when a user of several
   * organizations must choose one; it reads `core.getOrganizationSelection(request)`. Default: the
   * callback URL serves a plain picker page itself.
   */
  organizationSelectionUrl?: string;
}

/** Options of the sign-out route. */
export interface SignOutRouteOptions {
  /** Where WorkOS sends the browser after signing out. Default the app's home page. */
  returnTo?: string;
  /** Also sign out on `GET` (still only when the request comes from the app's own pages). Default false. */
  allowGet?: boolean;
}

/** What the access-token route answers as JSON. */
export interface AccessTokenRouteBody<TClaims extends object = Record<never, never>> {
  accessToken: string | null;
  /** ISO 8601. */
  expiresAt: string | null;
  auth: ClientAuth<TClaims> | null;
  /** The error code when the token could not be produced (503). */
  error?: string;
}

/** Options of the access-token route. */
export interface AccessTokenRouteOptions {
  /** Refresh first when the token expires within this many seconds. Default 60. */
  minValiditySeconds?: number;
}

const SIGN_IN_QUERY = ['organizationId', 'loginHint', 'prompt', 'domainHint'] as const;

/** `GET` sign-in (or sign-up): 302 to AuthKit with the pending sign-in cookie. */
export async function handleSignInRoute<TClaims extends object>(
  core: AuthKitCore<TClaims>,
  request: Request,
  options: SignInRouteOptions = {},
): Promise<AuthRouteResult<TClaims>> {
  // A fetch or prefetch of the sign-in route must not start a sign-in (pending cookie, CORS error).
  if (!isDocumentNavigation(request)) return { response: navigationRequiredResponse(request.url) };
  return respond(request, true, async () => {
    const query = new URL(request.url).searchParams;
    const fromQuery: SignInUrlOptions = {};
    const returnTo = query.get('returnTo') ?? query.get('returnPathname');
    if (returnTo !== null) fromQuery.returnTo = returnTo;
    for (const name of SIGN_IN_QUERY) {
      const value = query.get(name);
      if (value !== null) fromQuery[name] = value;
    }
    if (query.get('screenHint') === 'sign-up') fromQuery.screenHint = 'sign-up';
    const maxAge = Number(query.get('maxAge') ?? Number.NaN);
    if (Number.isInteger(maxAge) && maxAge >= 0) fromQuery.maxAgeSeconds = maxAge;
    const { url, setCookies } = await core.getSignInUrl({ ...fromQuery, ...options, request });
    return { response: redirect(url, setCookies, 302) };
  });
}

/** `GET` callback: completes the sign-in and redirects to its return path. Never a 500. */
export async function handleCallbackRoute<TClaims extends object>(
  core: AuthKitCore<TClaims>,
  request: Request,
  options: CallbackRouteOptions<TClaims> = {},
): Promise<AuthRouteResult<TClaims>> {
  try {
    const { onError: _onError, errorRedirectUrl: _errorRedirectUrl, ...callbackOptions } = options;
    const outcome = await core.completeCallback(request, callbackOptions);
    if (outcome.kind === 'organization-selection') {
      const nonce = new URL(request.url).searchParams.get(ORGANIZATION_SELECTION_PARAM);
      if (nonce === null) return { response: redirect(outcome.redirectTo, outcome.setCookies, 302) };
      return { response: organizationPickerPage(outcome.organizations, ORGANIZATION_SELECTION_PARAM, nonce) };
    }
    const { result } = outcome;
    return {
      response: redirect(result.redirectTo, result.setCookies, 302),
      change: { auth: result.auth, session: result.session, setCookies: result.setCookies },
    };
  } catch (caught) {
    const error = toAuthKitError(caught);
    const custom = await options.onError?.({ error, request });
    if (custom instanceof Response) return { response: custom };
    if (options.errorRedirectUrl !== undefined) {
      const target = new URL(options.errorRedirectUrl, core.options.appOrigin);
      return { response: redirect(target.toString(), [], 302) };
    }
    return { response: errorResponse(error, request, true) };
  }
}

/**
 * Sign-out: `POST` from the app's own pages only (`GET` too with `allowGet`). A cross-site or
 * unproven request is refused with 403 and the cookie is left alone; otherwise 303 to WorkOS's
 * logout URL with the clearing cookies.
 */
export async function handleSignOutRoute<TClaims extends object>(
  core: AuthKitCore<TClaims>,
  request: Request,
  options: SignOutRouteOptions = {},
): Promise<AuthRouteResult<TClaims>> {
  return respond(request, false, async () => {
    const method = request.method.toUpperCase();
    if (method !== 'POST' && !(options.allowGet && (method === 'GET' || method === 'HEAD'))) {
      const response = errorResponse(
        new AuthKitError('invalid_request', 'Sign out with a POST request'),
        request,
        false,
        405,
      );
      response.headers.set('Allow', options.allowGet ? 'GET, HEAD, POST' : 'POST');
      return { response };
    }
    if (!isSameOriginRequest(request, core.options.appOrigin)) {
      throw new AuthKitError('cross_site_request', 'Sign-out must come from a page of this site');
    }
    const { redirectTo, setCookies } = await core.signOut(request, {
      ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
    });
    return {
      response: redirect(redirectTo, setCookies, 303),
      change: { auth: null, session: null, setCookies },
    };
  });
}

/**
 * `GET` the access token for browser code, refreshed first when it expires within
 * `minValiditySeconds`: 200 with the token, 401 when signed out, 503 during an outage (cookie kept).
 */
export async function handleAccessTokenRoute<TClaims extends object>(
  core: AuthKitCore<TClaims>,
  request: Request,
  options: AccessTokenRouteOptions = {},
): Promise<AuthRouteResult<TClaims>> {
  const headers = new Headers();
  applySessionCacheHeaders(headers);
  let change: SessionChange<TClaims>;
  try {
    change = await getFreshAccessToken(core, request, options);
  } catch (caught) {
    const error = toAuthKitError(caught);
    if (error.isTransient) headers.set('Retry-After', String(Math.ceil(error.retryAfterSeconds ?? 5)));
    const body: AccessTokenRouteBody<TClaims> = {
      accessToken: null,
      expiresAt: null,
      auth: null,
      error: error.code,
    };
    return { response: Response.json(body, { status: error.status, headers }) };
  }
  for (const cookie of change.setCookies) headers.append('Set-Cookie', cookie);
  const { auth } = change;
  const body: AccessTokenRouteBody<TClaims> = {
    accessToken: auth?.accessToken ?? null,
    expiresAt: auth?.accessTokenExpiresAt.toISOString() ?? null,
    auth: toClientAuth(auth),
  };
  return { response: Response.json(body, { status: auth ? 200 : 401, headers }), change };
}

/** A redirect that carries session cookies: never cached. */
function redirect(location: string, setCookies: readonly string[], status: number): Response {
  const headers = new Headers({ Location: location });
  applySessionCacheHeaders(headers);
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status, headers });
}

function errorResponse(error: AuthKitError, request: Request, page: boolean, status?: number): Response {
  const response = authErrorResponse(error, request, { page });
  if (status === undefined || status === response.status) return response;
  return new Response(response.body, { status, headers: response.headers });
}

function toAuthKitError(caught: unknown): AuthKitError {
  if (isAuthKitError(caught)) return caught;
  return new AuthKitError('upstream_unavailable', 'The request could not be completed', { cause: caught });
}

/** Runs a route; an {@link AuthKitError} becomes its page (4xx) or 503, anything else too: never a 500. */
async function respond<TClaims extends object>(
  request: Request,
  page: boolean,
  run: () => Promise<AuthRouteResult<TClaims>>,
): Promise<AuthRouteResult<TClaims>> {
  try {
    return await run();
  } catch (caught) {
    return { response: errorResponse(toAuthKitError(caught), request, page) };
  }
}
