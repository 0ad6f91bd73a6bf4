import { fileURLToPath } from 'node:url';
import type { AdapterContractTarget } from '@authkit-ssr/adapter-contract';

/** The example app this package's contract and browser tests run against. */
export const exampleDir = fileURLToPath(new URL('../../../examples/sveltekit/', import.meta.url));

/**
 * examples/sveltekit as a contract target: `vite build` with adapter-node (after building the
 * workspace packages it imports), served over plain http by the example's server.js, which tells
 * adapter-node the protocol so that SvelteKit's CSRF check accepts same-origin form posts.
 */
export const sveltekitTarget: AdapterContractTarget = {
  name: 'sveltekit',
  build: {
    // The adapter, then the example (pnpm orders them topologically). Core and the emulator are
    // built by the root `pnpm build`; rebuilding them here would race other test projects.
    command: 'pnpm',
    args: [
      '--filter',
      '@authkit-ssr/sveltekit',
      '--filter',
      '@authkit-ssr/example-sveltekit',
      'run',
      'build',
    ],
    cwd: exampleDir,
    // Vitest runs with NODE_ENV=test; the app is built as it ships.
    env: { NODE_ENV: 'production' },
  },
  start: ({ port }) => ({
    command: process.execPath,
    args: ['server.js', '--host', '127.0.0.1', '--port', String(port)],
    cwd: exampleDir,
  }),
  paths: {
    home: '/',
    protectedPage: '/account',
    api: '/api/me',
    callback: '/api/auth/callback',
    signIn: '/api/auth/sign-in',
    signOut: { path: '/api/auth/sign-out', method: 'POST' },
    switchOrganization: '/api/organization',
  },
};
