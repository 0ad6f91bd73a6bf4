import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'sveltekit',
    // Builds the adapter and examples/sveltekit once for the contract and browser tests.
    globalSetup: ['./test/build-example.ts'],
    // The contract and browser tests each run the app; on two cores, one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
