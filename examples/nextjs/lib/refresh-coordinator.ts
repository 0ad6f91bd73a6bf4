import { createRedisRefreshCoordinatorFromUrl, type RedisRefreshCoordinator } from '@authkit-ssr/redis';

// Server only, on Node.js: used through lib/authkit.ts by proxy.ts (which always runs on Node.js),
// the route handlers and the actions. node-redis needs TCP sockets: an edge middleware.ts or edge
// route could not use it. On globalThis, not in module state: Next.js loads more than one copy of
// this module (the proxy and the app are bundled apart), and every copy must share one client and
// one coordinator.
const SINGLETON = Symbol.for('@authkit-ssr/example-nextjs/refresh-coordinator');

/**
 * With `REDIS_URL` set: the refresh coordinator that every process of this app shares through Redis
 * (keys under `AUTHKIT_REDIS_PREFIX`, default `authkit:`), created with one node-redis client on
 * first use. Without it: `undefined`, i.e. core's in-process single-flight.
 *
 * Redis being down never breaks the app: the client reconnects in the background and the
 * coordinator falls back to in-process single-flight meanwhile.
 */
export function refreshCoordinatorFromEnv(env = process.env): RedisRefreshCoordinator | undefined {
  if (!env.REDIS_URL) return undefined;
  const holder = globalThis as { [SINGLETON]?: RedisRefreshCoordinator };
  holder[SINGLETON] ??= createRedisRefreshCoordinatorFromUrl(env.REDIS_URL, {
    keyPrefix: env.AUTHKIT_REDIS_PREFIX || 'authkit:',
  });
  return holder[SINGLETON];
}
