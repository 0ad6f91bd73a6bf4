import { createRedisRefreshCoordinatorFromUrl, type RedisRefreshCoordinator } from '@authkit-ssr/redis';

// Server only (a module under lib/server: SvelteKit refuses to bundle it for the browser). On
// globalThis, not in module state: the build may hold more than one copy of this module, and every
// copy must share one client and one coordinator (core keys its instance by the coordinator).
const SINGLETON = Symbol.for('@authkit-ssr/example-sveltekit/refresh-coordinator');

/**
 * With `REDIS_URL` set (`env` is `process.env`):
 * the refresh coordinator that every process of this app shares through Redis (keys under
 * `AUTHKIT_REDIS_PREFIX`, default `authkit:`), created with one node-redis client on first use.
 * Without it: `undefined`, i.e. core's in-process single-flight.
 *
 * Redis being down never breaks the app: the client reconnects in the background and the
 * coordinator falls back to in-process single-flight meanwhile.
 */
export function refreshCoordinatorFromEnv(env: {
  readonly REDIS_URL?: string | undefined;
  readonly AUTHKIT_REDIS_PREFIX?: string | undefined;
}): RedisRefreshCoordinator | undefined {
  if (!env.REDIS_URL) return undefined;
  const holder = globalThis as { [SINGLETON]?: RedisRefreshCoordinator };
  holder[SINGLETON] ??= createRedisRefreshCoordinatorFromUrl(env.REDIS_URL, {
    keyPrefix: env.AUTHKIT_REDIS_PREFIX || 'authkit:',
  });
  return holder[SINGLETON];
}
