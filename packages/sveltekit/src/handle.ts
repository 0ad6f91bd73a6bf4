import {
  type AuthKitCore,
  type AuthKitError,
  type AuthKitOptions,
  getAuthKitCore,
  isAuthKitError,
  optionsFromEnv,
} from '@authkit-ssr/core';
import type { Handle } from '@sveltejs/kit/hooks';
import { getAuthState, setAuthState, writeCookies } from './request-state.js';

/** Options of {@link authkitHandle}: core's options, and the environment to read the rest from. */
export interface AuthKitHandleOptions extends Partial<AuthKitOptions> {
  /**
   * The `WORKOS_*` variables, usually `import * as env from '$app/env/private'` (declare them with
   * `authkitEnvVars` in `src/env.ts`). Explicit options win over them.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The `handle` hook: authenticates every request once, refreshing the session when its access
 * token has expired (concurrent requests share one refresh), and puts the user on
 * `event.locals.auth`. A refreshed cookie is written before `resolve`, so every load function,
 * action and endpoint of the request sees the new session. Compose it with `sequence()`.
 *
 * When WorkOS is unreachable and no valid session can be shown, it answers 503 and keeps the cookie.
 *
 * @example
 * ```ts
 * // src/hooks.server.ts
 * import * as env from '$app/env/private';
 * import { authkitHandle } from '@authkit-ssr/sveltekit';
 * export const handle = authkitHandle({ env });
 * ```
 * @throws {AuthKitError} `configuration_invalid` on the first request when options are missing or invalid.
 */
export function authkitHandle(options: AuthKitHandleOptions = {}): Handle {
  const { env, ...explicit } = options;
  let core: AuthKitCore | undefined;
  return async ({ event, resolve }) => {
    // Created on the first request, not at import: `vite build` imports hooks without the runtime env.
    core ??= getAuthKitCore({ ...optionsFromEnv(env ?? {}), ...explicit } as AuthKitOptions);
    let result: Awaited<ReturnType<AuthKitCore['authenticate']>>;
    try {
      result = await core.authenticate(event.request);
    } catch (error) {
      if (isAuthKitError(error) && error.isTransient) return unavailable(error, event.request);
      throw error;
    }
    writeCookies(event, result.setCookies);
    setAuthState(event, {
      core,
      auth: result.auth,
      session: result.session,
      refresh: result.refresh ?? null,
      wroteCookies: result.setCookies.length > 0,
    });

    const response = await resolve(event);
    if (!getAuthState(event).wroteCookies) return response;
    return withNoStore(response);
  };
}

/** Responses that set a session cookie must never be kept by a shared cache. */
function withNoStore(response: Response): Response {
  const apply = (target: Response) => {
    target.headers.set('Cache-Control', 'no-store');
    const vary = target.headers.get('Vary');
    if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'cookie')) {
      target.headers.append('Vary', 'Cookie');
    }
    return target;
  };
  try {
    return apply(response);
  } catch {
    // Immutable headers (a response passed through from fetch): copy it.
    return apply(new Response(response.body, response));
  }
}

function unavailable(error: AuthKitError, request: Request): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (error.retryAfterSeconds !== undefined) headers.set('Retry-After', String(error.retryAfterSeconds));
  if (request.headers.get('accept')?.includes('text/html')) {
    headers.set('Content-Type', 'text/html; charset=utf-8');
    const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Temporarily unavailable</title><body><h1>Sign-in is temporarily unavailable</h1><p>Please try again in a moment.</p><p><code>${error.code}</code></p></body></html>`;
    return new Response(html, { status: 503, headers });
  }
  return Response.json(
    { error: error.code, message: 'Sign-in is temporarily unavailable' },
    { status: 503, headers },
  );
}
