// Issue 7: two instances of the built TanStack Start example on two ports, sharing one Redis through
// REDIS_URL. Parallel requests with one expired session cookie, split across both, refresh once.
import { describe, it } from 'vitest';
import { exampleDir, tanstackStartTarget } from '../../tanstack-start/test/example-target.ts';
import { useTwoInstances } from './two-instances.ts';

// In a full `vitest run` the tanstack-start project's global setup has built the example just before
// (all global setups run before any test), so it is not built twice.
const example = useTwoInstances({
  target: tanstackStartTarget,
  exampleDir,
  builtFile: 'dist/server/server.js',
  buildInputs: [
    'src',
    'package.json',
    'vite.config.ts',
    '../../packages/tanstack-start/src',
    '../../packages/core/dist',
    '../../packages/redis/dist',
  ],
});

describe('the TanStack Start example with REDIS_URL', () => {
  it('two instances on two ports sharing Redis: 24 parallel requests with one expired cookie → 1 upstream refresh, one new session', async () => {
    await example.expectOneRefreshAcrossInstances();
  }, 60_000);

  it('starts and serves when the Redis of REDIS_URL is down: the refresh falls back to the process', async () => {
    await example.expectFallbackWhenRedisDown();
  }, 30_000);
});
