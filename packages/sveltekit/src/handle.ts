import {
  type AuthKitCore,
  applySessionCacheHeaders,
  authErrorResponse,
  isAuthKitError,
} from '@authkit-ssr/core';
import type { RequestEvent } from '@sveltejs/kit';
import { type AuthKitConfig, configureAuthKit, resolveCore } from './config.js';
import { runWithEvent } from './request-context.js';
import { getAuthState, isSessionDependent, startAuthState } from './request-state.js';

/** Options of {@link authKitHandle}: `@workos/authkit-sveltekit`'s, plus `env`. */
export interface AuthKitHandleOptions {
  /** Logs one line per request (path, signed in or out, refresh role); never a token or cookie. */
  debug?: boolean;
  /** Called with the error when authentication fails (an outage, a configuration error) before the response. */
  onError?: (error: Error) => void;
  /** The options, as `configureAuthKit(config)` would set them. */
  config?: AuthKitConfig;
  /**
   * Where to read the `WORKOS_*` variables: `$env/dynamic/private` (SvelteKit 2) or
   * `$app/env/private` (SvelteKit 3, declared with `authkitEnvVars`). Default `process.env`.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * SvelteKit's `Handle` type, spelled out here because SvelteKit 2 exports it from `@sveltejs/kit`
 * and SvelteKit 3 from `@sveltejs/kit/hooks`; this one is assignable to both.
 */
export type AuthKitHandle = (input: {
  event: RequestEvent;
  resolve: (event: RequestEvent) => Response | Promise<Response>;
}) => Promise<Response>;

/**
 * The `handle` hook: authenticates every request once, refreshing the session when its access
 * token has expired (concurrent requests share one refresh), and puts the user on
 * `event.locals.auth` (`user: null` when signed out). A refreshed cookie is written before
 * `resolve`, so every load function, action and endpoint of the request sees the new session.
 * Responses rendered for a session get `Cache-Control: private, no-store` and `Vary: Cookie`.
 *
 * When WorkOS is unreachable and no valid session can be shown, it answers 503 and keeps the
 * cookie (it does not pretend the user signed out).
 *
 * @example
 * ```ts
 * // src/hooks.server.ts — reads the WORKOS_* variables from process.env
 * import { authKitHandle } from '@authkit-ssr/sveltekit';
 * export const handle = authKitHandle();
 * ```
 * @throws {AuthKitError} `configuration_invalid` on the first request when options are missing or invalid.
 */
export function authKitHandle(options: AuthKitHandleOptions = {}): AuthKitHandle {
  const { debug = false, onError, config, env } = options;
  if (config) configureAuthKit(config);
  let core: AuthKitCore | undefined;
  return async ({ event, resolve }) => {
    let result: Awaited<ReturnType<AuthKitCore['authenticate']>>;
    try {
      // Created on the first request, not at import: `vite build` imports hooks without the runtime env.
      core ??= resolveCore({ env });
      result = await core.authenticate(event.request);
    } catch (error) {
      if (error instanceof Error) onError?.(error);
      if (isAuthKitError(error) && error.isTransient) return authErrorResponse(error, event.request);
      throw error;
    }
    startAuthState(event, core, result);
    if (debug) logRequest(event);

    const response = await runWithEvent(event, () => resolve(event));
    return isSessionDependent(event) ? withSessionCacheHeaders(response) : response;
  };
}

function withSessionCacheHeaders(response: Response): Response {
  try {
    applySessionCacheHeaders(response.headers);
    return response;
  } catch {
    // Immutable headers (a response passed through from fetch): copy it.
    const copy = new Response(response.body, response);
    applySessionCacheHeaders(copy.headers);
    return copy;
  }
}

function logRequest(event: RequestEvent): void {
  const { auth, refresh } = getAuthState(event);
  const who = auth ? `signed in as ${auth.user.id}` : 'signed out';
  console.log(
    `[authkit-ssr] ${event.request.method} ${event.url.pathname}: ${who}${refresh ? ` (refresh: ${refresh})` : ''}`,
  );
}
