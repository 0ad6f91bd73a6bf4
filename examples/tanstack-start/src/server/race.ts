import { DEMO_SINGLE_FLIGHT_HEADER } from '@authkit-ssr/core';
import { authkitFunctionMiddleware } from '@authkit-ssr/tanstack-start';
import { createServerFn } from '@tanstack/react-start';

// The race page's server functions. Each call is its own HTTP request through the auth middleware,
// so a burst of them with an expired token is a burst of concurrent refresh attempts.

/** What the race page needs before a burst (no token: this reaches the HTML). */
export const getRaceSetup = createServerFn({ method: 'GET' })
  .middleware([authkitFunctionMiddleware])
  .handler(({ context }) => ({
    demoMode: context.authkit.core.options.demoMode,
    // The header name, from core, so the browser bundle needs none of core.
    singleFlightHeader: DEMO_SINGLE_FLIGHT_HEADER,
  }));

/** One request of a burst: whether it was signed in, and its part in a refresh, if any. */
export const raceProbe = createServerFn({ method: 'GET' })
  .middleware([authkitFunctionMiddleware])
  .handler(({ context }) => ({
    signedIn: context.auth.user !== null,
    refresh: context.authkit.refresh ?? null,
  }));
