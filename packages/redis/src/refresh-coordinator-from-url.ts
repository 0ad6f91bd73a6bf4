import type { AuthKitLogger } from '@authkit-ssr/core';
import { fromNodeRedis, type NodeRedisClientLike, type RedisCoordinatorClient } from './redis-client.js';
import {
  createRedisRefreshCoordinator,
  type RedisRefreshCoordinator,
  type RedisRefreshCoordinatorOptions,
} from './redis-refresh-coordinator.js';

/** Options of {@link createRedisRefreshCoordinatorFromUrl}: every coordinator option but `client`. */
export type RedisRefreshCoordinatorFromUrlOptions = Omit<RedisRefreshCoordinatorOptions, 'client'>;

/** How long runs that arrive before the first connection wait for it. */
const FIRST_CONNECT_WAIT_MS = 1_000;
/** Delay before reconnecting a lost connection. */
const RECONNECT_MS = 1_000;

/** The part of a node-redis client (or of its duplicate) used here. */
interface NodeRedisConnection {
  unref(): void;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'terminated', listener: () => void): unknown;
}

type NodeRedisClient = NodeRedisConnection &
  Pick<NodeRedisClientLike, 'eval'> & {
    duplicate(): NodeRedisConnection & {
      subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
    };
  };

/**
 * A {@link RedisRefreshCoordinator} on one node-redis client (the optional peer dependency `redis`,
 * loaded on first use) connected to `url`: the setup a Node.js server usually wants.
 *
 * - Redis being down never breaks a request: commands fail at once (no offline queue) and the
 *   coordinator falls back to in-process single-flight; the client reconnects in the background.
 * - The connections never keep the process alive: node-redis runs without retries of its own
 *   (`reconnectStrategy: false`) on unref'd sockets, and reconnects on an unref'd timer, so a server
 *   asked to stop exits even while Redis is unreachable.
 * - Runs that arrive before the first connection wait for it, at most 1 s.
 *
 * Create one per process (for example on `globalThis`); `close()` closes the connections.
 *
 * @example
 * ```ts
 * const refreshCoordinator = process.env.REDIS_URL
 *   ? createRedisRefreshCoordinatorFromUrl(process.env.REDIS_URL, { keyPrefix: 'myapp:' })
 *   : undefined;
 * ```
 */
export function createRedisRefreshCoordinatorFromUrl(
  url: string,
  options: RedisRefreshCoordinatorFromUrlOptions = {},
): RedisRefreshCoordinator {
  const logger: AuthKitLogger =
    options.logger ??
    ((message: string, details?: Record<string, string | number | boolean>) =>
      console.warn(`[authkit-ssr/redis] ${message}`, details ?? ''));
  let closed = false;
  const stops = new Set<() => void>();

  const clientPromise = import('redis').then(({ createClient }) => {
    // No offline queue: while disconnected, commands fail at once and the coordinator falls back.
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: false },
    }) as unknown as NodeRedisClient;
    let reported = false;
    // Without an 'error' listener a refused connection would crash the process. Log once per outage.
    client.on('error', (error: Error) => {
      if (reported) return;
      reported = true;
      logger(`Redis connection error: ${error.message || error.name}`);
    });
    client.on('ready', () => {
      reported = false;
    });
    stops.add(reconnectInBackground(client, () => closed));
    return client;
  });
  // Nobody may be waiting when loading `redis` fails: the runs see the failure and fall back.
  clientPromise.catch(() => {});

  // Loading `redis` and the first connection, bounded: runs wait for them, at most 1 s in all.
  const firstConnect = Promise.race([
    clientPromise.then((client) => client.connect()),
    new Promise<void>((resolve) => setTimeout(resolve, FIRST_CONNECT_WAIT_MS).unref()),
  ]).then(
    () => undefined,
    () => undefined,
  );

  const adapted = clientPromise.then((client) =>
    fromNodeRedis({
      eval: (script, evalOptions) => client.eval(script, evalOptions),
      // The coordinator's subscription connection (it connects and destroys it itself).
      duplicate: () => {
        const subscriber = client.duplicate();
        const stop = reconnectInBackground(subscriber, () => closed);
        stops.add(stop);
        return {
          connect: () => subscriber.connect(),
          subscribe: (channel, listener) => subscriber.subscribe(channel, listener),
          on: (event, listener) => subscriber.on(event, listener),
          destroy: () => {
            stop();
            stops.delete(stop);
            subscriber.destroy();
          },
        };
      },
    }),
  );
  adapted.catch(() => {});

  const redis: RedisCoordinatorClient = {
    eval: async (script, keys, args) => (await adapted).eval(script, keys, args),
    subscribe: async (channel, listener, signal) => (await adapted).subscribe(channel, listener, signal),
  };
  const coordinator = createRedisRefreshCoordinator({ ...options, logger, client: redis });
  return {
    get degraded() {
      return coordinator.degraded;
    },
    // The first runs after start-up wait (briefly) for the connection instead of falling back. Not
    // inside a command: its timeout would count the wait.
    run: async (key, refresh, context) => {
      await firstConnect;
      return coordinator.run(key, refresh, context);
    },
    async close() {
      closed = true;
      for (const stop of stops) stop();
      await coordinator.close();
      const client = await clientPromise.catch(() => undefined);
      client?.destroy();
    },
  };
}

/**
 * node-redis retries a lost connection on timers that keep the process alive: a server asked to stop
 * while Redis is unreachable would never exit. So the clients run without retries of their own
 * (`reconnectStrategy: false`), with an unref'd socket, and reconnect here on an unref'd timer.
 * (node-redis resubscribes a subscriber's channels on every new connection.)
 * @returns a function that stops reconnecting.
 */
function reconnectInBackground(client: NodeRedisConnection, isClosed: () => boolean): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  client.unref();
  client.on('terminated', () => {
    if (stopped || isClosed() || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped && !isClosed()) client.connect().catch(() => {});
    }, RECONNECT_MS).unref();
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
