import {
  type AuthKitCore,
  type AuthKitOptions,
  authErrorResponse,
  getAuthKitCore,
  isAuthKitError,
  optionsFromEnv,
} from '@authkit-ssr/core';
import type { Handle } from '@sveltejs/kit/hooks';
import { startAuthState, wroteSessionCookie } from './request-state.js';

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
      if (isAuthKitError(error) && error.isTransient) return authErrorResponse(error, event.request);
      throw error;
    }
    startAuthState(event, core, result);

    const response = await resolve(event);
    return wroteSessionCookie(event) ? withNoStore(response) : response;
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
