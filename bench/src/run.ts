// `pnpm bench`: runs every scenario, each in a process of its own (the anchor keeps its
// configuration in module state, and memory figures need a clean process), then writes
// results/latest.json, results/latest.md and the table of README.md.
//
//   node src/run.ts                 everything → results/latest.{json,md} and README.md
//   node src/run.ts --quick         fewer, shorter rounds, no builds → results/quick.{json,md}
//   node src/run.ts --only=a,b      only these scenarios (file names of src/scenarios), printed only
//   node src/run.ts --no-profile    no CPU profile of ours for missed targets
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeCpuProfile } from './lib/cpu-profile.ts';
import type { ScenarioResult } from './lib/scenario-result.ts';
import { type RunReport, renderMarkdown, spliceReadme } from './render-results.ts';

interface ScenarioSpec {
  file: string;
  timeoutSeconds: number;
  /** Whether a CPU profile of ours explains a miss (time-bound scenarios). */
  profile?: boolean;
}

const SCENARIOS: ScenarioSpec[] = [
  { file: 'repeated-cookie', timeoutSeconds: 180, profile: true },
  { file: 'new-cookie', timeoutSeconds: 240, profile: true },
  { file: 'refresh-storm', timeoutSeconds: 180, profile: true },
  { file: 'redis-processes', timeoutSeconds: 180 },
  { file: 'late-requests', timeoutSeconds: 120 },
  { file: 'rate-limited', timeoutSeconds: 180 },
  { file: 'example-apps', timeoutSeconds: 1500 },
  { file: 'cache-memory', timeoutSeconds: 900 },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const profileMisses = !quick && !args.includes('--no-profile');

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(benchDir, '..');
const resultsDir = join(benchDir, 'results');

/** Workspace packages are consumed from dist; build the ones that are missing. */
function ensureWorkspaceBuilds(): void {
  const packages = ['core', 'emulator', 'redis'];
  const missing = packages.filter(
    (name) => !existsSync(join(repoRoot, 'packages', name, 'dist', 'index.js')),
  );
  if (missing.length === 0) return;
  console.error(`Building ${missing.join(', ')} (dist missing)…`);
  const filters = missing.flatMap((name) => ['--filter', `@authkit-ssr/${name}`]);
  const build = spawnSync('pnpm', [...filters, 'run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Building the workspace packages failed');
}

/** The scenario's environment: hermetic (no WORKOS_* that the anchor would read), results to a file. */
function scenarioEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WORKOS_')));
  return { ...env, ...(quick ? { BENCH_QUICK: '1' } : {}), ...extra };
}

/** Runs node with the scenario; stderr goes through (and its end is kept, to recognise a retryable failure). */
function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutSeconds: number,
): Promise<{ code: number | null; stderrTail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: benchDir, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-20_000);
    });
    // SIGTERM first: scenarios stop the servers they started; SIGKILL if that takes too long.
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      console.error(`  timed out after ${timeoutSeconds} s: stopping pid ${child.pid}`);
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, timeoutSeconds * 1000);
    child.once('close', (code) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      resolve({ code, stderrTail });
    });
  });
}

/** A workspace package's dist vanished under us: something rebuilt it (`rm -rf dist && tsc`). */
const REBUILT_UNDER_US = /ERR_MODULE_NOT_FOUND[\s\S]*\/dist\//;

async function runScenario(spec: ScenarioSpec, scratch: string): Promise<ScenarioResult[]> {
  const resultFile = join(scratch, `${spec.file}.json`);
  const script = join(benchDir, 'src', 'scenarios', `${spec.file}.ts`);
  const env = scenarioEnv({ BENCH_RESULT_FILE: resultFile });
  let { code, stderrTail } = await runNode([script], env, spec.timeoutSeconds);
  if (code !== 0 && REBUILT_UNDER_US.test(stderrTail)) {
    console.error('  a workspace package was being rebuilt meanwhile: retrying once in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    ({ code, stderrTail } = await runNode([script], env, spec.timeoutSeconds));
  }
  if (code === 0 && existsSync(resultFile))
    return JSON.parse(readFileSync(resultFile, 'utf8')) as ScenarioResult[];
  return [
    {
      id: spec.file,
      title: spec.file,
      target: '—',
      ours: `error: the scenario exited with ${code}`,
      anchor: '—',
      floor: '—',
      verdict: 'error',
      note: 'See the output of `pnpm bench` above the table.',
      figures: { exitCode: code, stderrTail: stderrTail.slice(-4000) },
    },
  ];
}

async function profileOurs(spec: ScenarioSpec): Promise<string[]> {
  const dir = join(resultsDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${spec.file}-ours.cpuprofile`);
  const script = join(benchDir, 'src', 'scenarios', `${spec.file}.ts`);
  const { code } = await runNode(
    [script],
    scenarioEnv({ BENCH_ONLY: 'ours', BENCH_QUICK: '1', BENCH_PROFILE_FILE: file }),
    spec.timeoutSeconds,
  );
  return code === 0 && existsSync(file) ? summarizeCpuProfile(file, 12) : [`profiling failed (exit ${code})`];
}

const started = performance.now();
const loadAverageAtStart = loadavg();
ensureWorkspaceBuilds();
mkdirSync(resultsDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'authkit-bench-'));
const results: ScenarioResult[] = [];
const profiles: Record<string, string[]> = {};
try {
  for (const spec of SCENARIOS) {
    if (only && !only.includes(spec.file)) continue;
    const scenarioStart = performance.now();
    console.error(`▶ ${spec.file}`);
    const scenarioResults = await runScenario(spec, scratch);
    results.push(...scenarioResults);
    for (const result of scenarioResults)
      console.error(`  ${result.verdict}: ${result.ours.replaceAll('**', '')}`);
    if (profileMisses && spec.profile && scenarioResults.some((result) => result.verdict === 'missed')) {
      console.error(`  profiling ours (${spec.file})…`);
      profiles[spec.file] = await profileOurs(spec);
    }
    console.error(`  (${((performance.now() - scenarioStart) / 1000).toFixed(0)} s)`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const report: RunReport = {
  generatedAt: new Date().toISOString(),
  quick,
  durationSeconds: (performance.now() - started) / 1000,
  environment: {
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    loadAverageAtStart,
  },
  results,
  profiles,
};
if (only) {
  // A partial run replaces nothing: it only prints.
} else if (quick) {
  writeFileSync(join(resultsDir, 'quick.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'quick.md'), renderMarkdown(report));
} else {
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), renderMarkdown(report));
  const readmePath = join(benchDir, 'README.md');
  if (existsSync(readmePath))
    writeFileSync(readmePath, spliceReadme(readFileSync(readmePath, 'utf8'), report));
}
console.log(renderMarkdown(report));
