import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['authkit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'adapter-contract',
  },
});
