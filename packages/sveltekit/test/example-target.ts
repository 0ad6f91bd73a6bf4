import { fileURLToPath } from 'node:url';
import type { AdapterContractTarget, CommandSpec, ContractPaths } from '@authkit-ssr/adapter-contract';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** The example app this package's contract and browser tests run against (SvelteKit 3). */
export const exampleDir = `${examplesDir}sveltekit/`;

// Vitest runs with NODE_ENV=test; the apps are built as they ship.
const production = { NODE_ENV: 'production' };

/**
 * An example app as a contract target: `vite build` with adapter-node, served over plain http by
 * examples/sveltekit/server.js, which tells adapter-node the protocol so that SvelteKit's CSRF
 * check accepts same-origin form posts.
 */
function exampleTarget(
  name: string,
  folder: string,
  paths: ContractPaths,
  build?: CommandSpec,
): AdapterContractTarget {
  const cwd = `${examplesDir}${folder}/`;
  return {
    name,
    build: build ?? { command: 'pnpm', args: ['run', 'build'], cwd, env: production },
    start: ({ port }) => ({
      command: process.execPath,
      args: [`${exampleDir}server.js`, '--host', '127.0.0.1', '--port', String(port)],
      cwd,
    }),
    paths,
  };
}

const examplePaths: ContractPaths = {
  home: '/',
  protectedPage: '/account',
  api: '/api/me',
  callback: '/api/auth/callback',
  signIn: '/api/auth/sign-in',
  signOut: { path: '/api/auth/sign-out', method: 'POST' },
  switchOrganization: '/api/organization',
};

/** examples/sveltekit on SvelteKit 3. Its build also builds the adapter (core and the emulator come from the root `pnpm build`). */
export const sveltekitTarget = exampleTarget('sveltekit', 'sveltekit', examplePaths, {
  command: 'pnpm',
  args: ['--filter', '@authkit-ssr/sveltekit', '--filter', '@authkit-ssr/example-sveltekit', 'run', 'build'],
  cwd: exampleDir,
  env: production,
});

/** The same app (src is a link) on SvelteKit 2. */
export const sveltekitKit2Target = exampleTarget('sveltekit (kit 2)', 'sveltekit-kit2', examplePaths);

/** The app written against `@workos/authkit-sveltekit`'s documented API only. */
const migrationPaths: ContractPaths = {
  home: '/',
  protectedPage: '/account',
  api: '/api/me',
  callback: '/callback',
  signIn: '/sign-in',
  signOut: { path: '/logout', method: 'POST' },
  switchOrganization: '/api/organization',
};

export const migrationTarget = exampleTarget('sveltekit-migration', 'sveltekit-migration', migrationPaths);
export const migrationKit2Target = exampleTarget(
  'sveltekit-migration (kit 2)',
  'sveltekit-migration-kit2',
  migrationPaths,
);

/** The example on both majors: every SvelteKit-specific test runs on each. */
export const exampleTargets = [sveltekitTarget, sveltekitKit2Target];
export const migrationTargets = [migrationTarget, migrationKit2Target];
