import { delimiter } from 'node:path';

// Variables the test runner, pnpm or Vitest set that a team's own shell would not have: npm would
// read pnpm's `npm_config_*` as its configuration, and `NODE_ENV=test` changes what builds emit.
const RUNNER_VARIABLE = /^(npm_|pnpm_|PNPM_|VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|INIT_CWD$)/;
// npm settings a developer or CI sets on purpose (pnpm sets none of these).
const KEPT_NPM_SETTING = /^npm_config_(cache|registry|userconfig)$/;

/**
 * The environment of a consumer app's npm and build commands: this process's, minus what the test
 * runner added, and with no `node_modules/.bin` of the workspace on `PATH` (a binary missing from
 * the app must fail, not fall back to the workspace's copy), plus `extra`.
 */
export function consumerEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (KEPT_NPM_SETTING.test(name) || !RUNNER_VARIABLE.test(name)) environment[name] = value;
  }
  environment.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
  return { ...environment, ...extra };
}
