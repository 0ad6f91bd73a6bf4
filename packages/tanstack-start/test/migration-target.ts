import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterContractTarget } from '@authkit-ssr/adapter-contract';

/** React majors the migration app is built and tested with. */
export const REACT_MAJORS = [19, 18] as const;
export type ReactMajor = (typeof REACT_MAJORS)[number];

const appDirs: Record<ReactMajor, string> = {
  19: fileURLToPath(new URL('../../../examples/tanstack-start-migration/', import.meta.url)),
  18: fileURLToPath(new URL('../../../examples/tanstack-start-migration-react18/', import.meta.url)),
};

function srvxBin(appDir: string): string {
  const manifestPath = join(appDir, 'node_modules', 'srvx', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin.srvx as string);
}

/**
 * The migration app (written against @workos/authkit-tanstack-react-start's documented API, tied to
 * this package only by a pnpm alias) built with React `major`, as a contract target. The adapter
 * itself is built by the example's target, which the global setup builds first.
 */
export function migrationTarget(major: ReactMajor): AdapterContractTarget {
  const appDir = appDirs[major];
  return {
    name: `tanstack-start-migration-react${major}`,
    build: { command: 'pnpm', args: ['run', 'build'], cwd: appDir, env: { NODE_ENV: 'production' } },
    start: ({ port }) => ({
      command: process.execPath,
      args: [
        srvxBin(appDir),
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
      cwd: appDir,
    }),
    paths: {
      home: '/',
      protectedPage: '/account',
      api: '/api/me',
      callback: '/api/auth/callback',
      signIn: '/api/auth/sign-in',
      signInReturnParam: 'returnPathname',
      signOut: { path: '/api/auth/sign-out', method: 'POST' },
      switchOrganization: '/api/organization',
    },
  };
}
