// Runs once when the server starts. With REDIS_URL set, the Redis client is created and starts
// connecting now, so the first refresh (often a burst of parallel requests) finds it connected
// instead of waiting for it, or falling back to in-process single-flight on a slow start.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.REDIS_URL) return;
  const { refreshCoordinatorFromEnv } = await import('./lib/refresh-coordinator');
  refreshCoordinatorFromEnv();
}
