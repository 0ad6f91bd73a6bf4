// Where does the time go? Runs one scenario with only the named contender(s) and records a CPU
// profile of its measured part, then prints the functions with the most self time.
//   node src/profile.ts repeated-cookie [ours]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeCpuProfile } from './lib/cpu-profile.ts';

const [scenario, only = 'ours'] = process.argv.slice(2);
if (!scenario) {
  console.error(
    'Usage: node src/profile.ts <scenario> [contender,...]   (scenario: a file name of src/scenarios)',
  );
  process.exit(2);
}
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const dir = join(benchDir, 'results', 'profiles');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${scenario}-${only.replaceAll(',', '-')}.cpuprofile`);
const run = spawnSync(process.execPath, [join(benchDir, 'src', 'scenarios', `${scenario}.ts`)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, BENCH_ONLY: only, BENCH_QUICK: '1', BENCH_PROFILE_FILE: file },
});
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`${file} (open it in Chrome DevTools → Performance, or in speedscope)`);
for (const line of summarizeCpuProfile(file, 15)) console.log(`  ${line}`);
