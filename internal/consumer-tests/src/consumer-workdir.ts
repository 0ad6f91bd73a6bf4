import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedPackage } from './pack-packages.ts';

// Set by the global setup, read by the test files' workers (they inherit its environment).
const WORKDIR_VARIABLE = 'AUTHKIT_CONSUMER_WORKDIR';
const PACKED_FILE = 'packed.json';

/** The temporary folder of this run: the tarballs, and one app folder per framework. */
export function consumerWorkdir(): string {
  const workdir = process.env[WORKDIR_VARIABLE];
  if (!workdir) throw new Error(`${WORKDIR_VARIABLE} is not set: run these tests through their global setup`);
  return workdir;
}

export function publishWorkdir(workdir: string, packed: readonly PackedPackage[]): void {
  writeFileSync(join(workdir, PACKED_FILE), `${JSON.stringify(packed, null, 2)}\n`);
  process.env[WORKDIR_VARIABLE] = workdir;
}

/** The tarballs the global setup packed. */
export function packedPackages(): PackedPackage[] {
  return JSON.parse(readFileSync(join(consumerWorkdir(), PACKED_FILE), 'utf8')) as PackedPackage[];
}
