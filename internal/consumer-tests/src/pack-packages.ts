import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandForOutput } from './run-command.ts';

/** One publishable package, packed the way `pnpm publish` packs it. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
}

interface PackageManifest {
  name: string;
  private?: boolean;
}

/** The folders under `packages/` whose package is published (not `private`). */
export function publishedPackageDirs(repoRoot: string): string[] {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => {
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
        return !manifest.private;
      } catch {
        return false;
      }
    });
}

/**
 * `pnpm pack` of every published package into `destination`: the tarballs `pnpm publish` would
 * upload (`workspace:` specifiers replaced by versions, only the `files` the manifest lists).
 */
export async function packPublishedPackages(repoRoot: string, destination: string): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const dir of publishedPackageDirs(repoRoot)) {
    const output = await runCommandForOutput({
      command: 'pnpm',
      args: ['pack', '--json', '--pack-destination', destination],
      cwd: dir,
    });
    const { name, version, filename } = JSON.parse(output) as {
      name: string;
      version: string;
      filename: string;
    };
    packed.push({ name, version, tarball: filename });
  }
  return packed;
}
