import { defineProject } from 'vitest/config';

export default defineProject({
  // No `authkit-source` condition: these tests exercise the packages as published.
  test: {
    name: 'consumer',
    // Builds and packs every published package once, into a folder outside the workspace.
    globalSetup: ['./src/global-setup.ts'],
    // Each file installs and builds a whole app: on two cores, one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 25 * 60_000,
  },
});
