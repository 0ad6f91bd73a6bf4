/**
 * The few Redis operations the coordinator needs: run a Lua script, and receive messages on one
 * channel. `fromNodeRedis` and `fromIoRedis` wrap the two common clients; any other client fits by
 * implementing this interface.
 */
export interface RedisCoordinatorClient {
  /** `EVAL script numkeys ...keys ...args`; resolves with the raw reply (`null` for nil). */
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /**
   * Subscribes `listener` to `channel` on a dedicated connection (a connection in subscribe mode
   * cannot run other commands). Resolves once subscribed, with a function that ends the subscription
   * and closes that connection. When `signal` aborts before that, the connection is closed and the
   * promise rejects.
   */
  subscribe(
    channel: string,
    listener: (message: string) => void,
    signal: AbortSignal,
  ): Promise<() => Promise<void>>;
}

/** The part of a node-redis (`redis` ≥ 4) client used here. */
export interface NodeRedisClientLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  duplicate(): NodeRedisSubscriberLike;
}

/** The part of a duplicated node-redis client used for the subscription. */
export interface NodeRedisSubscriberLike {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): void;
}

/** The part of an ioredis (≥ 5) client used here. */
export interface IoRedisClientLike {
  eval(script: string, numberOfKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  duplicate(): IoRedisSubscriberLike;
}

/** The part of a duplicated ioredis client used for the subscription. */
export interface IoRedisSubscriberLike {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/**
 * Wraps a connected node-redis client. The subscription runs on `client.duplicate()`, which the
 * coordinator connects and closes itself.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const refreshCoordinator = createRedisRefreshCoordinator({ client: fromNodeRedis(redis) });
 * ```
 */
export function fromNodeRedis(client: NodeRedisClientLike): RedisCoordinatorClient {
  return {
    eval: (script, keys, args) => client.eval(script, { keys, arguments: args }),
    async subscribe(channel, listener, signal) {
      const subscriber = client.duplicate();
      let subscribed = false;
      try {
        await new Promise<void>((resolve, reject) => {
          // node-redis retries a refused connection forever and connect() does not settle meanwhile:
          // the first error before the subscription fails the attempt (the coordinator polls and
          // tries again later). An 'error' event without a listener would crash the process.
          subscriber.on('error', (error) => {
            if (!subscribed) reject(error);
          });
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          subscriber
            .connect()
            .then(() => subscriber.subscribe(channel, (message) => listener(message)))
            .then(() => resolve(), reject);
        });
        subscribed = true;
      } catch (error) {
        subscriber.destroy();
        throw error;
      }
      // After this point node-redis reconnects and resubscribes by itself.
      return async () => subscriber.destroy();
    },
  };
}

/**
 * Wraps an ioredis client. The subscription runs on `client.duplicate()`, which the coordinator
 * closes itself.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false });
 * const refreshCoordinator = createRedisRefreshCoordinator({ client: fromIoRedis(redis) });
 * ```
 */
export function fromIoRedis(client: IoRedisClientLike): RedisCoordinatorClient {
  return {
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    async subscribe(channel, listener, signal) {
      const subscriber = client.duplicate();
      // Without an 'error' listener ioredis logs every reconnect failure; it resubscribes by itself.
      subscriber.on('error', () => {});
      subscriber.on('message', (receivedChannel, message) => {
        if (receivedChannel === channel) listener(message);
      });
      const onAbort = () => subscriber.disconnect();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await subscriber.subscribe(channel);
        signal.throwIfAborted();
      } catch (error) {
        subscriber.disconnect();
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      return async () => subscriber.disconnect();
    },
  };
}
