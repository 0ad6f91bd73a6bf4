import type { RefreshCoordinator } from '@authkit-ssr/core';
import { createRedisRefreshCoordinatorFromUrl } from '@authkit-ssr/redis';

// On globalThis, not in module state: the bundle may hold more than one copy of this module, and
// every copy must share one client and one coordinator (core keys its instance by the coordinator).
const SINGLETON = Symbol.for('@authkit-ssr/example-tanstack-start/refresh-coordinator');

/**
 * With `REDIS_URL` set: the refresh coordinator that every process of this app shares through Redis
 * (keys under `AUTHKIT_REDIS_PREFIX`, default `authkit:`), created with one node-redis client on
 * first use. Without it: `undefined`, i.e. core's in-process single-flight.
 *
 * Redis being down never breaks the app: the client reconnects in the background and the
 * coordinator falls back to in-process single-flight meanwhile.
 */
export function refreshCoordinatorFromEnv(env = process.env): RefreshCoordinator | undefined {
  if (!env.REDIS_URL) return undefined;
  const holder = globalThis as { [SINGLETON]?: RefreshCoordinator };
  holder[SINGLETON] ??= createRedisRefreshCoordinatorFromUrl(env.REDIS_URL, {
    keyPrefix: env.AUTHKIT_REDIS_PREFIX || 'authkit:',
  });
  return holder[SINGLETON];
}
