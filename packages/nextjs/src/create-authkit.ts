import 'server-only';
import type { NextRequest } from 'next/server';
import { type AuthKitNextOptions, createAppCore } from './app-core.js';
import { type AuthkitOptions, type AuthkitResponse, authenticateRequest } from './authkit.js';
import { type AuthkitMiddlewareOptions, createAuthkitProxy } from './authkit-proxy.js';
import { createRouteHandlers } from './route-handlers.js';
import { createSessionActions } from './session-actions.js';
import { createReadAuth, createWithAuth, type WithAuth } from './with-auth.js';

/** Everything the adapter offers, bound to one set of options. */
export interface AuthKit<TClaims extends object = Record<string, unknown>>
  extends ReturnType<typeof createRouteHandlers<TClaims>>,
    ReturnType<typeof createSessionActions<TClaims>> {
  /**
   * The proxy: export it from `proxy.ts` (Node) or `middleware.ts` (edge). Authenticates once per
   * request, refreshes when needed, writes `Set-Cookie` and forwards the new session to the rest of
   * the request; protects paths; answers 503 while WorkOS is unreachable.
   */
  authkitProxy(options?: AuthkitMiddlewareOptions): (request: NextRequest) => Promise<Response>;
  /** {@link AuthKit.authkitProxy} under its Next.js 15 name. */
  authkitMiddleware(options?: AuthkitMiddlewareOptions): (request: NextRequest) => Promise<Response>;
  /**
   * The proxy's work without its response, to compose with your own proxy logic: pass `headers` to
   * `handleAuthkitHeaders(request, headers, { redirect })`.
   */
  authkit(request: NextRequest, options?: AuthkitOptions): Promise<AuthkitResponse<TClaims>>;
  /** The signed-in user of this request (`{ user: null }` when signed out), for server components, route handlers and actions. Never refreshes. */
  withAuth: WithAuth<TClaims>;
}

/**
 * The adapter with explicit options (they win over the `WORKOS_*` variables). Use it from one
 * module of your app when you pass options in code; with environment variables only, import the
 * functions of `@authkit-ssr/nextjs` directly.
 *
 * @example
 * ```ts
 * // lib/authkit.ts
 * export const { authkitProxy, withAuth, handleAuth, signOut } = createAuthKit({ cookieName: 'my-session' });
 * ```
 * @throws {AuthKitError} `configuration_invalid` on first use, listing every problem.
 */
export function createAuthKit<TClaims extends object = Record<string, unknown>>(
  options: AuthKitNextOptions = {},
): AuthKit<TClaims> {
  const app = createAppCore<TClaims>(options);
  const readAuth = createReadAuth(app);
  const routes = createRouteHandlers(app);
  const builtInRoutes = { accessToken: routes.handleAccessToken(), signOut: routes.handleSignOut() };
  const authkitProxy = (proxyOptions?: AuthkitMiddlewareOptions) =>
    createAuthkitProxy(app, builtInRoutes, proxyOptions);
  return {
    authkitProxy,
    authkitMiddleware: authkitProxy,
    authkit: (request, authkitOptions = {}) => authenticateRequest(app, request, authkitOptions, true),
    withAuth: createWithAuth(app, readAuth),
    ...routes,
    ...createSessionActions(app, readAuth),
  };
}
