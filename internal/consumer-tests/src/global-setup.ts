import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishWorkdir } from './consumer-workdir.ts';
import { packPublishedPackages } from './pack-packages.ts';
import { repoRoot } from './repo-root.ts';
import { runCommandForOutput } from './run-command.ts';

/**
 * Vitest global setup: builds every published package from its source and packs it into a fresh
 * folder outside the workspace (global setups run one after the other, before any test file, so
 * the build races nothing). `AUTHKIT_CONSUMER_KEEP=1` keeps the folder for a look afterwards.
 */
export default async function setup(): Promise<() => void> {
  await runCommandForOutput({ command: 'pnpm', args: ['run', 'build'], cwd: repoRoot }, 300_000);
  const workdir = mkdtempSync(join(tmpdir(), 'authkit-ssr-consumer-'));
  const tarballs = join(workdir, 'tarballs');
  const packed = await packPublishedPackages(repoRoot, tarballs);
  publishWorkdir(workdir, packed);
  return () => {
    if (process.env.AUTHKIT_CONSUMER_KEEP === '1') console.log(`consumer apps kept in ${workdir}`);
    else rmSync(workdir, { recursive: true, force: true });
  };
}
