import { runCommand } from './app-process.ts';
import type { AdapterContractTarget } from './contract-environment.ts';

// Set by the global setup, read by the test files' workers (they inherit its environment).
const BUILT_VARIABLE = 'AUTHKIT_CONTRACT_BUILT';

/**
 * A vitest global setup that builds the targets, one after the other, before any test file runs:
 * the test files then start them without building again (`startContractEnvironment` and
 * `runAdapterContract` skip the build of a target built here). `AUTHKIT_CONTRACT_SKIP_BUILD=1`
 * builds nothing.
 *
 * @example
 * ```ts
 * // test/build-example.ts, named in vitest.config.ts's `globalSetup`
 * export default buildBeforeTests(sveltekitTarget);
 * ```
 */
export function buildBeforeTests(...targets: AdapterContractTarget[]): () => Promise<void> {
  return async () => {
    if (process.env.AUTHKIT_CONTRACT_SKIP_BUILD === '1') return;
    for (const target of targets) {
      if (!target.build) continue;
      await runCommand(target.build);
      process.env[BUILT_VARIABLE] = [...builtTargets(), target.name].join('\n');
    }
  };
}

/** Whether `target` needs a build before it starts: it has one, and no global setup or skip flag covers it. */
export function needsBuild(target: AdapterContractTarget): boolean {
  return (
    target.build !== undefined &&
    process.env.AUTHKIT_CONTRACT_SKIP_BUILD !== '1' &&
    !builtTargets().includes(target.name)
  );
}

function builtTargets(): string[] {
  return process.env[BUILT_VARIABLE]?.split('\n') ?? [];
}
