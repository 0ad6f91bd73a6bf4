// Scenario 7: each example app, built for production and started the way the adapter contract
// suite starts it (its target in packages/<adapter>/test/example-target.ts), is loaded with
// autocannon over loopback: the contract's protected JSON route (`paths.api`, e.g. /api/me) with
// a valid session cookie the app has seen before, against the same route without a cookie (the
// middleware finds no session and the route answers 401). Rounds alternate; medians of req/s.
import { readdirSync } from 'node:fs';
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
const CONNECTIONS = 50;
const ROUND_SECONDS = QUICK ? 2 : 5;
const ROUNDS = QUICK ? 1 : 3;
const TARGET_RATIO = 0.9;
const BUILD = !QUICK && process.env.BENCH_SKIP_BUILD !== '1';

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return { rps: result.requests.average, result };
}

function titleOf(example: string, target?: AdapterContractTarget): string {
  const name = target && target.name !== example ? `${example}: ${target.name}` : example;
  return `protected route of ${name}, repeated cookie (autocannon on loopback)`;
}

async function measureExample(example: string, target: AdapterContractTarget): Promise<ScenarioResult> {
  const id = `example-${example}`;
  const title = titleOf(example, target);
  const base = {
    id,
    title,
    target: `≥ ${TARGET_RATIO}× the req/s of the same route without auth`,
    anchor: '—',
    floor: '—',
  };
  if (BUILD && target.build) {
    log(`${target.name}: building (${target.build.command} ${target.build.args.join(' ')})`);
    const started = performance.now();
    await runCommand(target.build, 420_000);
    log(`${target.name}: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const env = await startContractEnvironment(target, { build: false });
  running = env;
  try {
    setFaults(env.emulator);
    const password = env.env.WORKOS_COOKIE_PASSWORD!;
    const session = toSession(env.emulator.issueSession({ accessTokenTtlSeconds: 3600 }));
    const cookie = `${env.cookieName}=${await sealSession(session, [password])}`;
    const url = new URL(target.paths.api, env.app.url).toString();

    // The route answers 200 with the cookie and 401 without: otherwise the comparison means nothing.
    const withCookie = await fetch(url, { headers: { cookie } });
    const without = await fetch(url);
    await withCookie.body?.cancel();
    await without.body?.cancel();
    if (withCookie.status !== 200 || without.status !== 401) {
      throw new Error(
        `${target.paths.api} answered ${withCookie.status} with a session and ${without.status} without\n--- app output (end) ---\n${env.app.output().slice(-3000)}`,
      );
    }
    const variants: Record<string, Record<string, string>> = { auth: { cookie }, noAuth: {} };
    for (const headers of Object.values(variants)) await load(url, headers, QUICK ? 1 : 2);

    const samples: Record<string, number[]> = { auth: [], noAuth: [] };
    const statusCounts: Record<string, Record<string, number>> = { auth: {}, noAuth: {} };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['auth', 'noAuth'] : ['noAuth', 'auth'];
      for (const variant of order) {
        const { rps, result } = await load(url, variants[variant]!, ROUND_SECONDS);
        samples[variant]!.push(rps);
        for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
          statusCounts[variant]![status] = (statusCounts[variant]![status] ?? 0) + count;
        }
        if (result.errors > 0 || result.timeouts > 0)
          log(`${target.name} ${variant}: ${result.errors} errors, ${result.timeouts} timeouts`);
      }
      log(
        `${target.name} round ${round + 1}/${ROUNDS}: with session ${formatNumber(samples.auth!.at(-1)!)} req/s, without ${formatNumber(samples.noAuth!.at(-1)!)} req/s`,
      );
    }
    const unexpected =
      Object.keys(statusCounts.auth!).some((status) => status !== '200') ||
      Object.keys(statusCounts.noAuth!).some((status) => status !== '401');
    const auth = median(samples.auth!);
    const noAuth = median(samples.noAuth!);
    // Each round measures both back to back: the ratio per round follows the machine's load, then the median.
    const roundRatios = samples.auth!.map((value, round) => value / samples.noAuth![round]!);
    const ratio = median(roundRatios);
    return {
      ...base,
      ours: `${formatNumber(auth)} req/s vs ${formatNumber(noAuth)} req/s without auth: **${formatRatio(ratio)}**`,
      verdict: unexpected ? 'error' : ratio >= TARGET_RATIO ? 'met' : 'missed',
      note: `GET ${target.paths.api} of the production build, ${CONNECTIONS} connections, ${ROUNDS} alternating round(s) of ${ROUND_SECONDS} s; medians of req/s, and the median of the per-round ratios; "without auth" is the same route without a session cookie (401).${unexpected ? ` Unexpected statuses: ${JSON.stringify(statusCounts)}.` : ''}`,
      figures: {
        requestsPerSecond: { auth, noAuth },
        ratio,
        roundRatios,
        samples,
        statusCounts,
        connections: CONNECTIONS,
      },
    };
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
const names = [...new Set([...EXPECTED_EXAMPLES, ...readdirSync(join(repoRoot, 'examples'))])];
const results: ScenarioResult[] = [];
for (const name of names) {
  const target = targets.get(name);
  if (!target) {
    const exists = readdirSync(join(repoRoot, 'examples')).includes(name);
    results.push({
      id: `example-${name}`,
      title: titleOf(name),
      target: `≥ ${TARGET_RATIO}× the req/s of the same route without auth`,
      ours: `not available (${exists ? 'no contract target in packages/*/test/example-target(s).ts yet' : 'no example yet'})`,
      anchor: '—',
      floor: '—',
      verdict: 'not available',
      note: '',
      figures: {},
    });
    continue;
  }
  try {
    results.push(await measureExample(name, target));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: ${message}`);
    // The app's own complaint, when it printed one: the first thing to read.
    const appError = message
      .split('\n')
      .find((line) => /^\s*(\w*Error|⨯)[:\s]/.test(line) && !line.includes('answered'));
    results.push({
      id: `example-${name}`,
      title: titleOf(name, target),
      target: `≥ ${TARGET_RATIO}× the req/s of the same route without auth`,
      ours: `error: ${message.split('\n')[0]!.slice(0, 160)}${appError ? ` (${appError.trim().slice(0, 160)})` : ''}`,
      anchor: '—',
      floor: '—',
      verdict: 'error',
      note: BUILD
        ? ''
        : 'Builds are skipped in quick mode and with BENCH_SKIP_BUILD=1: build the example first.',
      figures: { error: message.slice(0, 4000) },
    });
  }
}
reportResults(results);
