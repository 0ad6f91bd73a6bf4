import type {
  AccessTokenRouteOptions,
  AuthRouteResult,
  CallbackRouteOptions,
  SignInRouteOptions,
  SignOutRouteOptions,
} from '@authkit-ssr/core';
import { type AuthKitEvent, applyResult, getAuthState, writeCookies } from './request-state.js';

export type { AccessTokenRouteOptions, CallbackRouteOptions, SignInRouteOptions, SignOutRouteOptions };

/** A `+server.ts` request handler (`export const GET = …`). */
export type AuthKitRequestHandler = (event: AuthKitEvent) => Promise<Response>;

/**
 * Hands a core route's result to SvelteKit: its cookies through `event.cookies` (so a cookie the
 * handle wrote earlier in the request is replaced, not followed by a stale one) and the session
 * change to the rest of the request; the response as core made it otherwise.
 */
export function toSvelteKitResponse(event: AuthKitEvent, result: AuthRouteResult): Response {
  if (result.change) applyResult(event, result.change);
  else writeCookies(event, result.response.headers.getSetCookie());
  const response = new Response(result.response.body, result.response);
  response.headers.delete('set-cookie');
  return response;
}

/**
 * The OAuth callback (`src/routes/<callback path>/+server.ts`, the path of `WORKOS_REDIRECT_URI`):
 * exchanges the code, writes the session cookie and redirects (302) to the sign-in's `returnTo`.
 * A wrong or missing `state`, a missing sign-in cookie or an error sent back by WorkOS answers a
 * short 4xx page (or `errorRedirectUrl`), an outage a 503 page, never a 500.
 *
 * @example
 * ```ts
 * export const GET = handleCallbackRoute(); // the same as authKit.handleCallback()
 * ```
 */
export function handleCallbackRoute(options: CallbackRouteOptions = {}): AuthKitRequestHandler {
  return async (event) =>
    toSvelteKitResponse(event, await getAuthState(event).core.handleCallbackRoute(event.request, options));
}

/**
 * Starts a sign-in (sign-up with `screenHint: 'sign-up'`): redirects (302) to AuthKit. Reads
 * `returnTo`, `organizationId`, `loginHint` from the query; options win over it. A `returnTo` on
 * another origin answers 400.
 *
 * @example
 * ```ts
 * // src/routes/api/auth/sign-in/+server.ts
 * export const GET = handleSignInRoute();
 * ```
 */
export function handleSignInRoute(options: SignInRouteOptions = {}): AuthKitRequestHandler {
  return async (event) =>
    toSvelteKitResponse(event, await getAuthState(event).core.handleSignInRoute(event.request, options));
}

/**
 * Signs out: clears the session cookie and redirects (303) to WorkOS's logout URL, which comes back
 * to `returnTo`. `POST` only unless `allowGet`, and only from the app's own pages (else 403,
 * cookie untouched).
 *
 * @example
 * ```ts
 * // src/routes/api/auth/sign-out/+server.ts
 * export const POST = handleSignOutRoute();
 * ```
 */
export function handleSignOutRoute(options: SignOutRouteOptions = {}): AuthKitRequestHandler {
  return async (event) =>
    toSvelteKitResponse(event, await getAuthState(event).core.handleSignOutRoute(event.request, options));
}

/**
 * `GET` → `{ accessToken, expiresAt, auth }` for the browser (`getAccessToken()` from
 * `@authkit-ssr/sveltekit/client`), refreshing the session first when the token expires within
 * `minValiditySeconds` (default 60). 401 when signed out, 503 during an outage.
 */
export function handleAccessTokenRoute(options: AccessTokenRouteOptions = {}): AuthKitRequestHandler {
  return async (event) =>
    toSvelteKitResponse(event, await getAuthState(event).core.handleAccessTokenRoute(event.request, options));
}
