import {
  createRedisRefreshCoordinator,
  fromNodeRedis,
  type RedisRefreshCoordinator,
} from '@authkit-ssr/redis';
import { createClient } from 'redis';

// Server only, on Node.js: used through lib/authkit.ts by proxy.ts (which always runs on Node.js),
// the route handlers and the actions. node-redis needs TCP sockets: an edge middleware.ts or edge
// route could not use it. On globalThis, not in module state: Next.js loads more than one copy of
// this module (the proxy and the app are bundled apart), and every copy must share one client and
// one coordinator.
const SINGLETON = Symbol.for('@authkit-ssr/example-nextjs/refresh-coordinator');

/** How long requests that arrive before the first connection wait for it. */
const FIRST_CONNECT_WAIT_MS = 1_000;
const RECONNECT_MS = 1_000;

/** The part of a node-redis client (or of its duplicate) that reconnecting needs. */
interface Reconnectable {
  unref(): void;
  connect(): Promise<unknown>;
  on(event: 'terminated', listener: () => void): unknown;
}

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
  holder[SINGLETON] ??= createCoordinator(env.REDIS_URL, env.AUTHKIT_REDIS_PREFIX || 'authkit:');
  return holder[SINGLETON];
}

function createCoordinator(url: string, keyPrefix: string): RedisRefreshCoordinator {
  // No offline queue: while disconnected, commands fail at once and the coordinator falls back.
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
  let reported = false;
  // Without an 'error' listener a refused connection would crash the process. Log once per outage.
  client.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    console.warn(`[redis] ${error.message || error.name}: refreshes fall back to this process`);
  });
  client.on('ready', () => {
    reported = false;
  });
  reconnectInBackground(client);
  const firstConnect = Promise.race([
    client.connect().then(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, FIRST_CONNECT_WAIT_MS).unref()),
  ]).catch(() => undefined);

  const redis = fromNodeRedis({
    // The first requests after start-up wait (briefly) for the connection instead of falling back.
    eval: async (script, options) => {
      await firstConnect;
      return client.eval(script, options);
    },
    // The coordinator's subscription connection (it connects and destroys it itself).
    duplicate: () => {
      const subscriber = client.duplicate();
      const stop = reconnectInBackground(subscriber);
      return {
        connect: () => subscriber.connect(),
        subscribe: (channel, listener) => subscriber.subscribe(channel, listener),
        on: (event, listener) => subscriber.on(event, listener),
        destroy: () => {
          stop();
          subscriber.destroy();
        },
      };
    },
  });
  return createRedisRefreshCoordinator({ client: redis, keyPrefix });
}

/**
 * node-redis retries a lost connection on timers that keep the process alive: a server asked to stop
 * while Redis is unreachable would never exit. So the clients run without retries of their own
 * (`reconnectStrategy: false`), with an unref'd socket, and reconnect here on an unref'd timer.
 * (node-redis resubscribes a subscriber's channels on every new connection.)
 * @returns a function that stops reconnecting.
 */
function reconnectInBackground(client: Reconnectable): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  client.unref();
  client.on('terminated', () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) client.connect().catch(() => {});
    }, RECONNECT_MS).unref();
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
