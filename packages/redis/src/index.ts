export type {
  IoRedisClientLike,
  IoRedisSubscriberLike,
  NodeRedisClientLike,
  NodeRedisSubscriberLike,
  RedisCoordinatorClient,
} from './redis-client.js';
export { fromIoRedis, fromNodeRedis } from './redis-client.js';
export type { RedisRefreshCoordinator, RedisRefreshCoordinatorOptions } from './redis-refresh-coordinator.js';
export { createRedisRefreshCoordinator } from './redis-refresh-coordinator.js';
export type { RedisRefreshCoordinatorFromUrlOptions } from './refresh-coordinator-from-url.js';
export { createRedisRefreshCoordinatorFromUrl } from './refresh-coordinator-from-url.js';
