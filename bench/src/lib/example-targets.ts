import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AdapterContractTarget } from '../../../internal/adapter-contract/src/contract-environment.ts';
import { log } from './scenario-result.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function isTarget(value: unknown): value is AdapterContractTarget {
  return (
    typeof value === 'object' && value !== null && 'paths' in value && 'start' in value && 'name' in value
  );
}

/**
 * The contract targets the adapters declare (`packages/<adapter>/test/example-target(s).ts`), by
 * the example directory their server runs in (`tanstack-start`, `nextjs`, …).
 */
export async function findExampleTargets(): Promise<Map<string, AdapterContractTarget>> {
  const targets = new Map<string, AdapterContractTarget>();
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) {
    const testDir = join(repoRoot, 'packages', pkg, 'test');
    let files: string[];
    try {
      files = readdirSync(testDir).filter((name) => /^example-targets?\.ts$/.test(name));
    } catch {
      continue;
    }
    for (const file of files) {
      let module: Record<string, unknown>;
      try {
        module = await import(pathToFileURL(join(testDir, file)).href);
      } catch (error) {
        log(`${join(testDir, file)}: ${String(error)}`);
        continue;
      }
      for (const value of Object.values(module)) {
        if (!isTarget(value)) continue;
        const cwd = value.start({ port: 0, env: {} }).cwd;
        const relativeDir = cwd ? relative(join(repoRoot, 'examples'), resolve(cwd)) : '';
        if (relativeDir && !relativeDir.startsWith('..')) targets.set(relativeDir.split(sep)[0]!, value);
      }
    }
  }
  return targets;
}
