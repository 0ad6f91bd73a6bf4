import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterContractTarget } from '@authkit-ssr/adapter-contract';

/** The example app this package's contract and browser tests run against. */
export const exampleDir = fileURLToPath(new URL('../../../examples/tanstack-start/', import.meta.url));

function binOf(packageName: string, binName: string): string {
  // Not require.resolve: packages may keep package.json out of their exports.
  const manifestPath = join(exampleDir, 'node_modules', packageName, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[binName];
  if (!bin) throw new Error(`${packageName} has no bin ${binName}`);
  return join(dirname(manifestPath), bin);
}

/**
 * examples/tanstack-start as a contract target: the adapter's and the example's production
 * builds, served by srvx on the suite's port.
 */
export const tanstackStartTarget: AdapterContractTarget = {
  name: 'tanstack-start',
  build: {
    // The adapter, then the example (pnpm orders them topologically). Core and the emulator are
    // built by the root `pnpm build`; rebuilding them here would race other test projects.
    command: 'pnpm',
    args: [
      '--filter',
      '@authkit-ssr/tanstack-start',
      '--filter',
      '@authkit-ssr/example-tanstack-start',
      'run',
      'build',
    ],
    cwd: exampleDir,
    // Vitest runs with NODE_ENV=test, which would make Vite emit React's development JSX runtime.
    env: { NODE_ENV: 'production' },
  },
  start: ({ port }) => ({
    command: process.execPath,
    args: [
      binOf('srvx', 'srvx'),
      'serve',
      '--prod',
      '--host',
      '127.0.0.1',
      '-p',
      String(port),
      '--entry',
      'dist/server/server.js',
      '-s',
      '../client',
    ],
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
