import { type AuthKitCore, type AuthKitOptions, getAuthKitCore, optionsFromEnv } from '@authkit-ssr/core';

// The race demo's routes are core's (`handleDemoRoute`), which the Next.js adapter does not wrap:
// they need a core of their own, configured from the same WORKOS_* and AUTHKIT_DEMO_MODE variables.
// It only reads the cookie and asks the emulator; refreshes stay with the middleware's core.

/** The core behind /api/demo/* and the race page's demo-mode check, created on first use (never at build time). */
export function demoCore(): AuthKitCore {
  // Missing variables are core's to report (`configuration_invalid`, listing every problem).
  return getAuthKitCore(optionsFromEnv(process.env) as AuthKitOptions);
}
