// Where does an example app spend its time? Starts the (already built) example with
// `node --cpu-prof`, loads its protected JSON route with autocannon, with and then without a
// session cookie (one app process each), and prints each profile's heaviest functions.
//   node src/profile-example.ts tanstack-start [seconds] [path]
// `path` defaults to the contract's protected JSON route; /bench/control shows what the session
// cookie costs on a route that never reads it.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealSession } from '@authkit-ssr/core';
import autocannon from 'autocannon';
import {
  type AdapterContractTarget,
  startContractEnvironment,
} from '../../internal/adapter-contract/src/contract-environment.ts';
import { setFaults } from './lib/bench-emulator.ts';
import { summarizeCpuProfile } from './lib/cpu-profile.ts';
import { findExampleTargets } from './lib/example-targets.ts';
import { toSession } from './lib/sessions.ts';

const [example, secondsArg = '10', pathArg] = process.argv.slice(2);
const targets = await findExampleTargets();
const found = example ? targets.get(example) : undefined;
if (!found) {
  console.error(`Usage: node src/profile-example.ts <${[...targets.keys()].join('|')}> [seconds] [path]`);
  process.exit(2);
}
const base: AdapterContractTarget = found;
const benchDir = fileURLToPath(new URL('..', import.meta.url));

for (const variant of ['with-session', 'without-session'] as const) {
  const dir = join(benchDir, 'results', 'profiles', `example-${example}-${variant}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The server is `node <script> …`: profile that process; it writes the profile when it stops.
  const target: AdapterContractTarget = {
    ...base,
    start: (options) => {
      const spec = base.start(options);
      return { ...spec, args: [`--cpu-prof`, `--cpu-prof-dir=${dir}`, ...spec.args] };
    },
  };
  const env = await startContractEnvironment(target, { build: false });
  try {
    setFaults(env.emulator);
    const session = toSession(env.emulator.issueSession({ accessTokenTtlSeconds: 3600 }));
    const cookie = `${env.cookieName}=${await sealSession(session, [env.env.WORKOS_COOKIE_PASSWORD!])}`;
    const url = new URL(pathArg ?? base.paths.api, env.app.url).toString();
    const headers = variant === 'with-session' ? { cookie } : {};
    const result = await autocannon({ url, connections: 50, duration: Number(secondsArg), headers });
    console.log(
      `\n## ${example}, ${variant}: ${Math.round(result.requests.average)} req/s under the profiler`,
    );
  } finally {
    await env.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) {
    console.log(`no profile written in ${dir} (the server did not exit cleanly on SIGTERM)`);
    continue;
  }
  console.log(`${join(dir, file)} (start-up included; open it in Chrome DevTools or speedscope)`);
  for (const line of summarizeCpuProfile(join(dir, file), 20).slice(0, 21)) console.log(`  ${line}`);
}
