import { type AuthKitCore, type AuthKitOptions, authErrorResponse, isAuthKitError } from '@authkit-ssr/core';
import { createMiddleware } from '@tanstack/react-start';
import { createAuthKitContext } from './context.js';
import { createRequestState, getCore, getRequestState } from './request-state.js';
import { toAuthResult } from './user-info.js';

/** Options of {@link authkitMiddleware}: core's options (they win over `WORKOS_*`), plus ours. */
export interface AuthKitMiddlewareOptions extends Partial<AuthKitOptions> {
  /** Callback URL for this app's sign-ins (preview deployments); default `WORKOS_REDIRECT_URI`. */
  redirectUri?: string;
  /**
   * Opt in to `accessToken` in `getAuth()`'s result. It then ends up in the HTML of every page whose
   * loader returns it, readable by any script on the page. Default `false`: the browser gets the
   * token only from `useAccessToken()`.
   */
  exposeAccessToken?: boolean;
}

/**
 * Request middleware: authenticates every request once (SSR documents, server routes and
 * server-function calls), writes the rotated session cookie, and hands the request's auth to the
 * rest of the request through context. Register it in `src/start.ts`.
 *
 * When WorkOS or its JWKS cannot be reached the request is answered with 503 and the session
 * cookie is kept: an outage never signs anyone out. An `AuthKitError` a server route lets escape
 * (a refused organization switch, a cross-site sign-out) is answered with its 4xx, not a 500.
 *
 * @example
 * ```ts
 * // src/start.ts
 * export const startInstance = createStart(() => ({
 *   requestMiddleware: [createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === 'serverFn' }), authkitMiddleware()],
 * }));
 * ```
 * @throws {AuthKitError} `configuration_invalid` on the first request when options are invalid.
 */
export function authkitMiddleware(options: AuthKitMiddlewareOptions = {}) {
  const { exposeAccessToken, ...coreOptions } = options;
  // Looked up on the first request (not at import, when the build has no environment), then kept.
  let core: AuthKitCore | undefined;
  return createMiddleware().server(async ({ request, next }) => {
    try {
      core ??= getCore(coreOptions);
      const settings = {
        exposeAccessToken: exposeAccessToken ?? false,
        redirectUri: core.options.redirectUri,
      };
      const state = await createRequestState(request, core, settings);
      return await next({ context: createAuthKitContext(request, state) });
    } catch (error) {
      // An outage (503) or bad input (4xx page or JSON) from authenticating or from a server
      // function a server route called: never a 500.
      if (isAuthKitError(error) && (error.isTransient || error.isUserFacing))
        return authErrorResponse(error, request);
      throw error;
    }
  });
}

/**
 * Server-function middleware (our addition): `context.auth` is the request's auth (the kit's
 * `AuthResult`, `{ user: null }` when signed out), the newest one when an earlier function of the
 * same request refreshed.
 *
 * @example
 * ```ts
 * export const getProjects = createServerFn({ method: 'GET' })
 *   .middleware([authkitFunctionMiddleware])
 *   .handler(({ context }) => listProjects(context.auth.user ? context.auth.organizationId : undefined));
 * ```
 */
export const authkitFunctionMiddleware = createMiddleware({ type: 'function' }).server(({ next }) => {
  const state = getRequestState();
  return next({ context: { auth: toAuthResult(state.auth, state.session), authkit: state } });
});
