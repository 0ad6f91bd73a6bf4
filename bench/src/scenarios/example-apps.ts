// Scenario 7: each example app, built for production and started the way the adapter contract
// suite starts it (its target in packages/<adapter>/test/example-target.ts), is loaded with
// autocannon over loopback. Three loads, alternating in rounds:
// - protected: the contract's protected JSON route (`paths.api`, e.g. /api/me) with a valid
//   session cookie the app has seen before;
// - control: the example's /bench/control, the same JSON shape with a constant user and no auth
//   read, without a cookie (what the route costs without any auth);
// - control + cookie: the same control route with the session cookie (a route that never reads
//   the session should not pay for the cookie the browser sends with it).
// Two targets per example: protected ≥ 0.9× control, control + cookie ≥ 0.95× control.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealSession } from '@authkit-ssr/core';
import autocannon from 'autocannon';
// The contract suite's own start-up (emulator, free port, WORKOS_* variables), not its vitest entry.
import { runCommand } from '../../../internal/adapter-contract/src/app-process.ts';
import {
  type AdapterContractTarget,
  startContractEnvironment,
} from '../../../internal/adapter-contract/src/contract-environment.ts';
import { setFaults } from '../lib/bench-emulator.ts';
import { findExampleTargets, repoRoot } from '../lib/example-targets.ts';
import { formatNumber, formatRatio, median } from '../lib/measure.ts';
import { log, QUICK, reportResults, type ScenarioResult } from '../lib/scenario-result.ts';
import { toSession } from '../lib/sessions.ts';

/** The frameworks of the design; an example that is not there yet is reported as not available. */
const EXPECTED_EXAMPLES = ['tanstack-start', 'nextjs', 'sveltekit'];
/** The route each example adds for this scenario: /api/me's JSON with a constant user, no auth read. */
const CONTROL_PATH = '/bench/control';
const CONNECTIONS = 50;
const ROUND_SECONDS = QUICK ? 2 : 3;
// BENCH_EXAMPLE_ROUNDS=5 overrides the number of rounds (e.g. for a quicker but steadier --quick run).
const ROUNDS = Number(process.env.BENCH_EXAMPLE_ROUNDS) || (QUICK ? 1 : 7);
const PROTECTED_TARGET = 0.9;
const COOKIE_TARGET = 0.95;
const BUILD = !QUICK && process.env.BENCH_SKIP_BUILD !== '1';

const protectedTarget = `≥ ${PROTECTED_TARGET}× the req/s of a control route of the same shape without auth (${CONTROL_PATH})`;
const cookieTarget = `≥ ${COOKIE_TARGET}× the req/s of the same route without the cookie`;

type Variant = 'protected' | 'control' | 'controlCookie' | 'controlOtherCookie';
const VARIANTS: Variant[] = ['protected', 'control', 'controlCookie', 'controlOtherCookie'];

/** CPU seconds (user + system, all threads) the process has used, from /proc; undefined elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * One load: req/s, and the app's CPU time per answered request. At 50 connections the app's one
 * thread is saturated, so its throughput is the inverse of that CPU time; unlike req/s, the CPU
 * time does not drop when other processes take the machine's cores.
 */
function emptyRecord<T>(make: (variant: Variant) => T): Record<Variant, T> {
  return Object.fromEntries(VARIANTS.map((variant) => [variant, make(variant)])) as Record<Variant, T>;
}

async function load(url: string, headers: Record<string, string>, seconds: number, pid?: number) {
  const cpuBefore = cpuSecondsOf(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  const cpuAfter = cpuSecondsOf(pid);
  const cpuMicroseconds =
    cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total;
  return { rps: result.requests.average, cpuMicroseconds, result };
}

function nameOf(example: string, target?: AdapterContractTarget): string {
  return target && target.name !== example ? `${example}: ${target.name}` : example;
}

function titleOf(example: string, target?: AdapterContractTarget): string {
  return `protected route of ${nameOf(example, target)}, repeated cookie (autocannon on loopback)`;
}

function cookieTitleOf(example: string, target?: AdapterContractTarget): string {
  return `route of ${nameOf(example, target)} that never reads the session, with the session cookie`;
}

/** Both rows of an example that could not be measured, with the same reason. */
function unmeasured(
  example: string,
  target: AdapterContractTarget | undefined,
  verdict: 'not available' | 'error',
  ours: string,
  note: string,
  figures: Record<string, unknown>,
): ScenarioResult[] {
  const common = { ours, anchor: '—', floor: '—', verdict, note, figures };
  return [
    { id: `example-${example}`, title: titleOf(example, target), target: protectedTarget, ...common },
    {
      id: `example-${example}-cookie`,
      title: cookieTitleOf(example, target),
      target: cookieTarget,
      ...common,
    },
  ];
}

/** Where the control route lives in each framework's file layout. */
const CONTROL_ROUTE_FILES = [
  'src/routes/bench/control.ts', // TanStack Start
  'src/routes/bench/control/+server.ts', // SvelteKit
  'app/bench/control/route.ts', // Next.js
  'src/app/bench/control/route.ts',
];

async function measureExample(example: string, target: AdapterContractTarget): Promise<ScenarioResult[]> {
  const exampleDir = join(repoRoot, 'examples', example);
  const hasControlRoute = () => CONTROL_ROUTE_FILES.some((file) => existsSync(join(exampleDir, file)));
  // An app built from another example's sources (copy-app.mjs, e.g. nextjs-next15) has its copy of
  // the control route only once its build has copied them: build it before looking.
  const copiesSources = existsSync(join(exampleDir, 'copy-app.mjs'));
  const notAvailable = () =>
    unmeasured(
      example,
      target,
      'not available',
      `not available (the example has no ${CONTROL_PATH} route yet)`,
      '',
      {},
    );
  if (!hasControlRoute() && !copiesSources) return notAvailable();
  if (BUILD && target.build) {
    log(`${target.name}: building (${target.build.command} ${target.build.args.join(' ')})`);
    const started = performance.now();
    await runCommand(target.build, 420_000);
    log(`${target.name}: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  if (!hasControlRoute()) return notAvailable();
  const env = await startContractEnvironment(target, { build: false });
  running = env;
  try {
    setFaults(env.emulator);
    const password = env.env.WORKOS_COOKIE_PASSWORD!;
    const session = toSession(env.emulator.issueSession({ accessTokenTtlSeconds: 3600 }));
    const cookie = `${env.cookieName}=${await sealSession(session, [password])}`;
    const apiUrl = new URL(target.paths.api, env.app.url).toString();
    const controlUrl = new URL(CONTROL_PATH, env.app.url).toString();
    const requests: Record<Variant, { url: string; headers: Record<string, string> }> = {
      protected: { url: apiUrl, headers: { cookie } },
      control: { url: controlUrl, headers: {} },
      controlCookie: { url: controlUrl, headers: { cookie } },
      // The same bytes under a name auth does not read: what the framework itself pays for them.
      controlOtherCookie: {
        url: controlUrl,
        headers: { cookie: `bench-other=${cookie.slice(cookie.indexOf('=') + 1)}` },
      },
    };

    const controlProbe = await fetch(controlUrl);
    await controlProbe.body?.cancel();
    if (controlProbe.status === 404) return notAvailable();
    // Every load answers 200: otherwise the comparison means nothing.
    for (const [variant, { url, headers }] of Object.entries(requests)) {
      const response = await fetch(url, { headers });
      await response.body?.cancel();
      if (response.status !== 200) {
        throw new Error(
          `${variant}: ${url} answered ${response.status}\n--- app output (end) ---\n${env.app.output().slice(-3000)}`,
        );
      }
    }
    for (const variant of VARIANTS) {
      await load(requests[variant].url, requests[variant].headers, QUICK ? 1 : 2);
    }

    const samples = emptyRecord<number[]>(() => []);
    const cpuSamples = emptyRecord<number[]>(() => []);
    const statusCounts = emptyRecord<Record<string, number>>(() => ({}));
    for (let round = 0; round < ROUNDS; round++) {
      // The order rotates each round, so that a change of machine load hits every variant alike.
      const order = VARIANTS.map((_, index) => VARIANTS[(index + round) % VARIANTS.length]!);
      for (const variant of order) {
        const { url, headers } = requests[variant];
        const { rps, cpuMicroseconds, result } = await load(url, headers, ROUND_SECONDS, env.app.pid);
        samples[variant].push(rps);
        if (cpuMicroseconds !== undefined) cpuSamples[variant].push(cpuMicroseconds);
        for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
          statusCounts[variant][status] = (statusCounts[variant][status] ?? 0) + count;
        }
        if (result.errors > 0 || result.timeouts > 0)
          log(`${target.name} ${variant}: ${result.errors} errors, ${result.timeouts} timeouts`);
      }
      const last = (variant: Variant) =>
        `${formatNumber(samples[variant].at(-1)!)} req/s (${cpuSamples[variant].at(-1)?.toFixed(0) ?? '?'} µs CPU)`;
      log(
        `${target.name} round ${round + 1}/${ROUNDS}: protected ${last('protected')}, control ${last('control')}, control + cookie ${last('controlCookie')}, control + other cookie ${last('controlOtherCookie')}`,
      );
    }
    const unexpected = VARIANTS.some((variant) =>
      Object.keys(statusCounts[variant]).some((status) => status !== '200'),
    );
    const rps = emptyRecord((variant) => median(samples[variant]));
    // Each round measures all variants back to back: the ratio per round follows the machine's load, then the median.
    const ratiosTo = (variant: Variant) =>
      samples[variant].map((value, round) => value / samples.control[round]!);
    // The same from the app's CPU time per request (control's CPU / the variant's): what decides,
    // when /proc gives it, because other processes on the machine barely move it.
    const hasCpu = VARIANTS.every((variant) => cpuSamples[variant].length === ROUNDS);
    const cpuRatiosTo = (variant: Variant) =>
      cpuSamples[variant].map((value, round) => cpuSamples.control[round]! / value);
    const cpu = hasCpu ? emptyRecord((variant) => median(cpuSamples[variant])) : undefined;
    const protectedRatios = ratiosTo('protected');
    const cookieRatios = ratiosTo('controlCookie');
    const protectedCpuRatios = hasCpu ? cpuRatiosTo('protected') : [];
    const cookieCpuRatios = hasCpu ? cpuRatiosTo('controlCookie') : [];
    const protectedRatio = hasCpu ? median(protectedCpuRatios) : median(protectedRatios);
    const cookieRatio = hasCpu ? median(cookieCpuRatios) : median(cookieRatios);
    const describe = (variant: Variant, ratios: number[], cpuRatios: number[], versus: string) =>
      cpu
        ? `${cpu[variant].toFixed(0)} µs of app CPU per request vs ${cpu.control.toFixed(0)} µs ${versus}: **${formatRatio(median(cpuRatios))}** (req/s: ${formatNumber(rps[variant])} vs ${formatNumber(rps.control)} = ${formatRatio(median(ratios))})`
        : `${formatNumber(rps[variant])} req/s vs ${formatNumber(rps.control)} req/s ${versus}: **${formatRatio(median(ratios))}**`;
    const how = `${CONNECTIONS} connections, ${ROUNDS} rotating round(s) of ${ROUND_SECONDS} s over the production build; medians, and the median of the per-round ratios. ${
      cpu
        ? "The verdict uses the app process's CPU time per request (from /proc; the app's one thread is saturated, so throughput is its inverse), which other processes on a loaded machine barely move; req/s beside it."
        : 'The verdict uses req/s (no /proc for CPU time).'
    }`;
    const unexpectedNote = unexpected ? ` Unexpected statuses: ${JSON.stringify(statusCounts)}.` : '';
    const figures = {
      requestsPerSecond: rps,
      cpuMicrosecondsPerRequest: cpu,
      protectedRatios,
      cookieRatios,
      protectedCpuRatios,
      cookieCpuRatios,
      samples,
      cpuSamples,
      statusCounts,
      connections: CONNECTIONS,
    };
    return [
      {
        id: `example-${example}`,
        title: titleOf(example, target),
        target: protectedTarget,
        anchor: '—',
        floor: '—',
        ours: describe('protected', protectedRatios, protectedCpuRatios, 'for the control'),
        verdict: unexpected ? 'error' : protectedRatio >= PROTECTED_TARGET ? 'met' : 'missed',
        note: `GET ${target.paths.api} with a session cookie the app has seen before, against GET ${CONTROL_PATH} (the same JSON with a constant user, no auth read) without a cookie; ${how}${unexpectedNote}`,
        figures: { ...figures, ratio: protectedRatio },
      },
      {
        id: `example-${example}-cookie`,
        title: cookieTitleOf(example, target),
        target: cookieTarget,
        anchor: '—',
        floor: '—',
        ours: describe('controlCookie', cookieRatios, cookieCpuRatios, 'without it'),
        verdict: unexpected ? 'error' : cookieRatio >= COOKIE_TARGET ? 'met' : 'missed',
        note: `GET ${CONTROL_PATH} with the session cookie (the middleware authenticates it from its cache; the route never reads it) against the same route without a cookie; ${how} For scale, the same bytes under another cookie name: ${cpu ? `${cpu.controlOtherCookie.toFixed(0)} µs of CPU per request = ${formatRatio(median(cpuRatiosTo('controlOtherCookie')))}` : `${formatNumber(rps.controlOtherCookie)} req/s = ${formatRatio(median(ratiosTo('controlOtherCookie')))}`} (what the framework pays for the cookie's bytes).${unexpectedNote}`,
        figures: { ...figures, ratio: cookieRatio },
      },
    ];
  } finally {
    running = undefined;
    await env.stop();
  }
}

/** The app and emulator being measured: stopped on SIGTERM (the runner's timeout) as well. */
let running: { stop(): Promise<void> } | undefined;
process.once('SIGTERM', () => {
  void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(143));
});

const targets = await findExampleTargets();
// BENCH_EXAMPLES=tanstack-start,sveltekit measures only those.
const only = process.env.BENCH_EXAMPLES?.split(',').filter(Boolean);
const names = [...new Set([...EXPECTED_EXAMPLES, ...readdirSync(join(repoRoot, 'examples'))])].filter(
  (name) => !only?.length || only.includes(name),
);
const results: ScenarioResult[] = [];
for (const name of names) {
  const target = targets.get(name);
  if (!target) {
    const exists = readdirSync(join(repoRoot, 'examples')).includes(name);
    results.push(
      ...unmeasured(
        name,
        undefined,
        'not available',
        `not available (${exists ? 'no contract target in packages/*/test/example-target(s).ts yet' : 'no example yet'})`,
        '',
        {},
      ),
    );
    continue;
  }
  try {
    results.push(...(await measureExample(name, target)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: ${message}`);
    // The app's own complaint, when it printed one: the first thing to read.
    const appError = message
      .split('\n')
      .find((line) => /^\s*(\w*Error|⨯)[:\s]/.test(line) && !line.includes('answered'));
    results.push(
      ...unmeasured(
        name,
        target,
        'error',
        `error: ${message.split('\n')[0]!.slice(0, 160)}${appError ? ` (${appError.trim().slice(0, 160)})` : ''}`,
        BUILD ? '' : 'Builds are skipped in quick mode and with BENCH_SKIP_BUILD=1: build the example first.',
        { error: message.slice(0, 4000) },
      ),
    );
  }
}
reportResults(results);
