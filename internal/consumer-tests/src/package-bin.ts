import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The script of `packageName`'s bin `binName`, as installed in `appDir`'s node_modules. */
export function packageBin(appDir: string, packageName: string, binName: string): string {
  // Read the manifest by path: packages may keep package.json out of their exports.
  const manifestPath = join(appDir, 'node_modules', packageName, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
  if (!bin) throw new Error(`${packageName} has no bin ${binName}`);
  return join(dirname(manifestPath), bin);
}
