import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandForOutput } from './run-command.ts';

/** Extracts an npm tarball into `<destination>/package` and returns that folder. */
export async function unpackTarball(tarball: string, destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  await runCommandForOutput({ command: 'tar', args: ['-xzf', tarball, '-C', destination] });
  return join(destination, 'package');
}
