// Issue 7: two instances of the built SvelteKit example (adapter-node, served by its server.js) on
// two ports, sharing one Redis through REDIS_URL. Parallel requests with one expired session cookie,
// split across both, refresh once.
import { describe, it } from 'vitest';
import { exampleDir, sveltekitTarget as target } from '../../sveltekit/test/example-target.ts';
import { useTwoInstances } from './two-instances.ts';

// The sveltekit adapter's dist, then `vite build`. In a full `vitest run` the sveltekit project's
// global setup has built it just before (all global setups run before any test), so it is not built twice.
const example = useTwoInstances({
  target,
  exampleDir,
  builtFile: 'build/handler.js',
  buildInputs: [
    'src',
    'package.json',
    'vite.config.ts',
    '../../packages/sveltekit/src',
    '../../packages/core/dist',
    '../../packages/redis/dist',
  ],
  buildTimeoutMs: 240_000,
  setupTimeoutMs: 300_000,
});

describe('the SvelteKit example with REDIS_URL', () => {
  it('two instances on two ports sharing Redis: 24 parallel requests with one expired cookie → 1 upstream refresh, one new session', async () => {
    await example.expectOneRefreshAcrossInstances();
  }, 90_000);

  it('starts, serves and stops when the Redis of REDIS_URL is down: the refresh falls back to the process', async () => {
    await example.expectFallbackWhenRedisDown({ stopsOnSigterm: true });
  }, 60_000);
});
