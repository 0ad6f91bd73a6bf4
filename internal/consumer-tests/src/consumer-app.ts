import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { CommandSpec } from '@authkit-ssr/adapter-contract';
import { consumerEnvironment } from './consumer-environment.ts';
import { consumerManifest, type ExampleManifest } from './consumer-manifest.ts';
import { consumerWorkdir, packedPackages } from './consumer-workdir.ts';
import { repoRoot } from './repo-root.ts';
import { runCommandForOutput } from './run-command.ts';

/** An example app, rebuilt as a team would from the published packages. */
export interface ConsumerAppDefinition {
  /** The folder under `examples/`. */
  example: string;
  /**
   * Files the example uses from a sibling example (paths relative to `examples/`), copied into the
   * app under their file name: a team's app has no siblings.
   */
  borrowedFiles?: string[];
  /** The production server on `127.0.0.1:port`, started in the app's folder. */
  start(appDir: string, port: number): CommandSpec;
  /** How long the server may take to answer its first request. */
  startupTimeoutMs?: number;
  /** False where the framework sets `Vary` on pages itself (Next.js); see the contract target option. */
  varyCookieOnPages?: boolean;
}

/** What preparing an app took, for the run's log. */
export interface PreparedConsumerApp {
  dir: string;
  installSeconds: number;
  buildSeconds: number;
}

// Output of earlier builds and installs in the example folder: never part of the copied source.
const GENERATED = new Set([
  'node_modules',
  'build',
  'dist',
  '.svelte-kit',
  '.next',
  '.tanstack',
  '.output',
  '.turbo',
  'next-env.d.ts',
  'tsconfig.tsbuildinfo',
  'package.json',
]);

/**
 * Makes `<workdir>/<example>`: the example's source (not its package.json), a package.json that
 * takes our packages from their tarballs and the rest from the registry, `npm install` (a peer
 * conflict fails it with ERESOLVE) and the production build (`npm run build`, NODE_ENV=production).
 */
export async function prepareConsumerApp(definition: ConsumerAppDefinition): Promise<PreparedConsumerApp> {
  const exampleDir = join(repoRoot, 'examples', definition.example);
  const dir = join(consumerWorkdir(), definition.example);
  rmSync(dir, { recursive: true, force: true });
  cpSync(exampleDir, dir, {
    recursive: true,
    // Copies what a link points at (examples may share sources through links): a link back into
    // the workspace would resolve the app's imports from the workspace's node_modules.
    dereference: true,
    filter: (source) => relative(exampleDir, source).includes('/') || !GENERATED.has(basename(source)),
  });
  for (const file of definition.borrowedFiles ?? []) {
    cpSync(join(repoRoot, 'examples', file), join(dir, basename(file)));
  }
  const example = JSON.parse(readFileSync(join(exampleDir, 'package.json'), 'utf8')) as ExampleManifest;
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(consumerManifest(example, packedPackages()), null, 2)}\n`,
  );
  dropWorkspaceCondition(join(dir, 'tsconfig.json'));

  const installStarted = performance.now();
  await runInConsumerApp(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    timeoutMs: 15 * 60_000,
  });
  const installSeconds = (performance.now() - installStarted) / 1000;

  const buildStarted = performance.now();
  await runInConsumerApp(dir, 'npm', ['run', 'build'], {
    env: { NODE_ENV: 'production' },
    timeoutMs: 10 * 60_000,
  });
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  return { dir, installSeconds, buildSeconds };
}

/**
 * Runs a command in a consumer app's folder with the environment a team's shell would have (see
 * `consumerEnvironment`); resolves with its standard output.
 */
export function runInConsumerApp(
  dir: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<string> {
  return runCommandForOutput(
    {
      command,
      args,
      cwd: dir,
      env: consumerEnvironment({ NEXT_TELEMETRY_DISABLED: '1', ...options.env }),
      replaceEnv: true,
    },
    options.timeoutMs ?? 5 * 60_000,
  );
}

/**
 * The examples type-check the workspace's sources through the `authkit-source` condition; a team
 * type-checks against the published declarations, so the copy drops the condition.
 */
function dropWorkspaceCondition(tsconfigPath: string): void {
  if (!existsSync(tsconfigPath)) return;
  const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as {
    compilerOptions?: { customConditions?: string[] };
  };
  const conditions = tsconfig.compilerOptions?.customConditions;
  if (!tsconfig.compilerOptions || !conditions) return;
  const kept = conditions.filter((condition) => condition !== 'authkit-source');
  if (kept.length > 0) tsconfig.compilerOptions.customConditions = kept;
  else delete tsconfig.compilerOptions.customConditions;
  writeFileSync(tsconfigPath, `${JSON.stringify(tsconfig, null, 2)}\n`);
}
