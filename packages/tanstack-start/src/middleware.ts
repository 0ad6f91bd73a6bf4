import {
  type Auth,
  type AuthKitCore,
  type AuthKitOptions,
  authErrorResponse,
  isAuthKitError,
} from '@authkit-ssr/core';
import { createMiddleware } from '@tanstack/react-start';
import { type AuthKitRequestState, getCore, getRequestState, resolveRequestState } from './request-state.js';

/**
 * Request middleware: authenticates every request once (SSR documents, server routes and
 * server-function calls), writes the rotated session cookie, and hands `{ auth, authkit }` to the
 * rest of the request through context. Register it in `src/start.ts`.
 *
 * When WorkOS or its JWKS cannot be reached the request is answered with 503 and the session
 * cookie is kept: an outage never signs anyone out.
 *
 * @param options explicit options; they win over the `WORKOS_*` environment variables.
 * @example
 * ```ts
 * // src/start.ts
 * export const startInstance = createStart(() => ({
 *   requestMiddleware: [createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === 'serverFn' }), authkitMiddleware()],
 * }));
 * ```
 * @throws {AuthKitError} `configuration_invalid` on the first request when options are invalid.
 */
export function authkitMiddleware(options: Partial<AuthKitOptions> = {}) {
  // Looked up on the first request (not at import, when the build has no environment), then kept.
  let core: AuthKitCore | undefined;
  return createMiddleware().server(async ({ request, next }) => {
    let state: AuthKitRequestState;
    try {
      core ??= getCore(options);
      state = await resolveRequestState(request, core);
    } catch (error) {
      if (isAuthKitError(error) && error.isTransient) return authErrorResponse(error, request);
      throw error;
    }
    return next({ context: { auth: state.auth, authkit: state } });
  });
}

/**
 * Server-function middleware: gives a server function the auth of the current request as
 * `context.auth`, the newest one when an earlier function of the same request refreshed.
 *
 * @example
 * ```ts
 * export const getProjects = createServerFn({ method: 'GET' })
 *   .middleware([authkitFunctionMiddleware])
 *   .handler(({ context }) => listProjects(context.auth?.organizationId));
 * ```
 */
export const authkitFunctionMiddleware = createMiddleware({ type: 'function' }).server(async ({ next }) => {
  const state = await getRequestState();
  const auth: Auth | null = state.auth;
  return next({ context: { auth, authkit: state } });
});
