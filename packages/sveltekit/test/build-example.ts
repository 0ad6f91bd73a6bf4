import { runCommand } from '@authkit-ssr/adapter-contract';
import { sveltekitTarget } from './example-target.ts';

/** Vitest global setup: one production build of the adapter and the example for every test file. */
export default async function buildExample(): Promise<void> {
  if (process.env.AUTHKIT_CONTRACT_SKIP_BUILD === '1' || !sveltekitTarget.build) return;
  await runCommand(sveltekitTarget.build);
}
