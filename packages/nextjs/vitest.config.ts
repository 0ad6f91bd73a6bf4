import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'nextjs',
    // Builds each Next.js example app (test/build-examples.ts) once for every test file.
    globalSetup: ['./test/build-examples.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The contract targets each build and start a Next.js app (~600 MB): one file at a time.
    fileParallelism: false,
  },
});
