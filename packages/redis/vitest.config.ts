import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'redis',
    testTimeout: 20_000,
    globalSetup: ['./test/global-setup.ts'],
  },
});
