import {
  type AccessTokenRouteOptions,
  type AuthKitCore,
  type AuthRouteResult,
  applySessionChange,
  type CallbackResult,
  type CallbackRouteOptions,
  type SignInRouteOptions,
  type SignOutRouteOptions,
} from '@authkit-ssr/core';
import { type AuthKitRequestState, getRequestState } from './request-state.js';

/** The shape of a TanStack Start server-route handler (`server.handlers.GET` and friends). */
export type ServerRouteHandler = (ctx: { request: Request }) => Promise<Response>;

/** Tokens of the upstream identity provider (Google, Microsoft, …) when WorkOS returns them. */
export type OauthTokens = NonNullable<CallbackResult['oauthTokens']>;

/**
 * What `onSuccess` receives: `accessToken`, `refreshToken`, `user`, `impersonator`, `organizationId`,
 * `authenticationMethod`, `oauthTokens`, `state` (the custom state of the sign-in), plus `auth`/`session`.
 */
export type HandleAuthSuccessData = CallbackResult;

/** Options of {@link handleCallbackRoute}. */
export interface HandleCallbackOptions {
  /** Where to land after every sign-in, whatever its own return path (as the kit does). */
  returnPathname?: string;
  onSuccess?: (data: HandleAuthSuccessData) => void | Promise<void>;
  /** Answers a failed callback; wins over `errorRedirectUrl`. What it throws is not caught. */
  onError?: (params: { error?: unknown; request: Request }) => Response | Promise<Response>;
  /** Redirect here (a path of this app, or a URL) when the callback fails. Set by your code only. */
  errorRedirectUrl?: string;
  /**
   * Our addition: your own organization picker page (same-origin path) for a user of several
   * organizations whom WorkOS asks to choose; by default the callback URL serves a plain one.
   */
  organizationSelectionUrl?: string;
}

// Core answers the route; the adapter hands the session change to the rest of this request. The
// response already carries its cookies and cache headers.
function mount(
  route: (core: AuthKitCore, request: Request, state: AuthKitRequestState) => Promise<AuthRouteResult>,
): ServerRouteHandler {
  return async ({ request }) => {
    const state = getRequestState();
    const { response, change } = await route(state.core, request, state);
    if (change) applySessionChange(state, change);
    return response;
  };
}

/**
 * The OAuth callback: exchanges the code, writes the session cookie, redirects (302) to the return
 * path of the sign-in. A wrong or missing `state`, a missing PKCE cookie or an error sent back by
 * WorkOS answers a 4xx page (or `onError` / `errorRedirectUrl`), an outage a 503; never a 500.
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
  // The kit's returnPathname wins over the sign-in's own return path (same-origin checked by core).
  const landing = { returnPathnameWins: options.returnPathname !== undefined };
  return mount((core, request) =>
    core.handleCallbackRoute(request, { ...(options as CallbackRouteOptions), ...landing }),
  );
}

/**
 * Our addition: `GET` starts a sign-in (or sign-up with `screenHint: 'sign-up'`), a 302 to
 * AuthKit. Reads `returnPathname` (or `returnTo`), `organizationId`, `loginHint`, `prompt`,
 * `maxAge` from the query; `options` win. A return path on another origin answers 400.
 */
export function handleSignInRoute(options: SignInRouteOptions = {}): ServerRouteHandler {
  return mount((core, request, state) =>
    core.handleSignInRoute(request, { redirectUri: state.redirectUri, ...options }),
  );
}

/**
 * Our addition: sign-out for `POST` from the app's own pages (`allowGet` for `GET`): 303 to
 * WorkOS's logout URL with the clearing cookie. A cross-site request gets 403, cookie untouched.
 */
export function handleSignOutRoute(options: SignOutRouteOptions = {}): ServerRouteHandler {
  return mount((core, request) => core.handleSignOutRoute(request, options));
}

/**
 * Our addition: `GET` → `{ accessToken, expiresAt, auth }` for browser code, refreshed first when it
 * expires within `minValiditySeconds` (default 60); 401 when signed out, 503 during an outage.
 */
export function handleAccessTokenRoute(options: AccessTokenRouteOptions = {}): ServerRouteHandler {
  return mount((core, request) => core.handleAccessTokenRoute(request, options));
}
