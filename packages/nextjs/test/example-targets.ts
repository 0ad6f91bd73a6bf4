import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AdapterContractTarget, ContractPaths } from '@authkit-ssr/adapter-contract';

/** The example apps this package's tests run against. */
export const exampleDir = fileURLToPath(new URL('../../../examples/nextjs/', import.meta.url));
export const edgeExampleDir = fileURLToPath(new URL('../../../examples/nextjs-edge/', import.meta.url));
export const migrationDir = fileURLToPath(new URL('../../../examples/nextjs-migration/', import.meta.url));
export const migrationNext15Dir = fileURLToPath(
  new URL('../../../examples/nextjs-migration-next15/', import.meta.url),
);
export const nextjsNext15Dir = fileURLToPath(new URL('../../../examples/nextjs-next15/', import.meta.url));

const paths: ContractPaths = {
  home: '/',
  protectedPage: '/account',
  api: '/api/me',
  callback: '/api/auth/callback',
  signIn: '/api/auth/sign-in',
  signOut: { path: '/api/auth/sign-out', method: 'POST' },
  switchOrganization: '/api/organization',
};

/** The migration app: written for WorkOS's kit (its routes, `NEXT_PUBLIC_WORKOS_REDIRECT_URI`). */
const migrationPaths: ContractPaths = {
  home: '/',
  protectedPage: '/account',
  api: '/api/me',
  callback: '/callback',
  signIn: '/login',
  // Not a route of the app: the proxy serves it (the app's matcher covers it).
  signOut: { path: '/api/auth/sign-out', method: 'POST' },
  switchOrganization: '/api/organization',
};

function nextTarget(
  name: string,
  appDir: string,
  extra: Partial<AdapterContractTarget> = {},
  prepare = 'true',
): AdapterContractTarget {
  const nextBin = createRequire(appDir).resolve('next/dist/bin/next');
  return {
    name,
    // The adapter's dist (core and the emulator are built by the root `pnpm build`), then the app.
    build: {
      command: 'sh',
      args: [
        '-c',
        `pnpm --dir ../../packages/nextjs run build && ${prepare} && "${process.execPath}" "${nextBin}" build`,
      ],
      cwd: appDir,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
    },
    // The server itself is the child process: stopping it by pid stops next.
    start: ({ port }) => ({
      command: process.execPath,
      args: [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)],
      cwd: appDir,
    }),
    env: { NEXT_TELEMETRY_DISABLED: '1' },
    paths,
    startupTimeoutMs: 60_000,
    // Next.js sets Vary on app pages after the proxy ran (their Cache-Control is private, no-store).
    varyCookieOnPages: false,
    ...extra,
  };
}

/** examples/nextjs: `proxy.ts` on the Node.js runtime, production build. */
export const nextjsTarget = nextTarget('nextjs (proxy.ts, Node.js)', exampleDir);

/**
 * examples/nextjs built with Next.js 15 (examples/nextjs-next15 copies its sources and writes
 * middleware.ts from proxy.ts, on the Node.js runtime). The adapter is installed there as an injected
 * copy, so it resolves that app's Next.js 15.
 */
export const nextjsNext15Target = nextTarget(
  'nextjs (middleware.ts, Node.js runtime, Next.js 15)',
  nextjsNext15Dir,
  {},
  `"${process.execPath}" copy-app.mjs`,
);

/** examples/nextjs-edge: the same adapter exported from `middleware.ts` on the edge runtime. */
export const nextjsEdgeTarget = nextTarget(
  'nextjs-edge (middleware.ts, edge runtime, Next.js 15)',
  edgeExampleDir,
);

/** examples/nextjs-migration on Next.js 16: an app written for `@workos-inc/authkit-nextjs`, aliased to us. */
export const migrationTarget = nextTarget('nextjs-migration (Next.js 16)', migrationDir, {
  paths: migrationPaths,
  redirectUriVariable: 'NEXT_PUBLIC_WORKOS_REDIRECT_URI',
});

/**
 * The same migration app built with Next.js 15 (examples/nextjs-migration-next15 copies its sources
 * and renames proxy.ts to middleware.ts, as the kit documents for Next.js 15). The adapter is
 * installed there as an injected copy, so it resolves that app's Next.js 15.
 */
export const migrationNext15Target = nextTarget(
  'nextjs-migration (Next.js 15, middleware.ts)',
  migrationNext15Dir,
  { paths: migrationPaths, redirectUriVariable: 'NEXT_PUBLIC_WORKOS_REDIRECT_URI' },
  `"${process.execPath}" copy-app.mjs`,
);
