import { createAuthKit } from '@authkit-ssr/nextjs';
import type { RedisRefreshCoordinator } from '@authkit-ssr/redis';
import { refreshCoordinatorFromEnv } from './refresh-coordinator';

// The adapter of this app, bound to its options in code: import from here everywhere, so that the
// proxy, the route handlers and the actions all refresh through the same coordinator.
//
// With REDIS_URL set, every refresh (the proxy's, the access-token route's, an organization switch)
// is coordinated across all processes of the app through Redis. The Redis client is created when
// the server starts (instrumentation.ts), not when `next build` loads this module. Without
// REDIS_URL the options are empty: exactly the adapter's default (core's in-process single-flight).
const refreshCoordinator: Pick<RedisRefreshCoordinator, 'run'> | undefined = process.env.REDIS_URL
  ? { run: (key, refresh, context) => refreshCoordinatorFromEnv()!.run(key, refresh, context) }
  : undefined;

export const {
  authkitProxy,
  withAuth,
  handleAuth,
  handleSignIn,
  handleSignOut,
  handleAccessToken,
  signOut,
  switchToOrganization,
  refreshSession,
  getSignInUrl,
  getSignUpUrl,
} = createAuthKit({ refreshCoordinator });

export { getSessionRefresh, isAuthKitError, toClientAuth } from '@authkit-ssr/nextjs';
