// Scenario 3: one process receives N = 1000 concurrent requests that carry the same expired
// session. Counts the upstream refresh calls the emulator saw, the requests that did not end
// signed in, and the wall time from the first call to the last answer, against the latency of one
// upstream refresh call measured just before with the SDK.
import type { Emulator } from '@authkit-ssr/emulator';
import { WorkOS } from '@workos-inc/node';
import { startBenchEmulator, UPSTREAM_LATENCY_MS, upstreamRefreshCalls } from '../lib/bench-emulator.ts';
import { benchRequest, type Contender, createAnchor, createOurs } from '../lib/contenders.ts';
import { formatMs, formatNumber, formatRatio, median, rotate, sleep } from '../lib/measure.ts';
import {
  log,
  measuredSection,
  PROFILING,
  QUICK,
  reportResults,
  selectContenders,
} from '../lib/scenario-result.ts';
import { issueCookie } from '../lib/sessions.ts';

const N = 1000;
const ROUNDS = QUICK ? 1 : 3;
const TARGET_WALL_RATIO = 2;

interface StormOutcome {
  upstreamCalls: number;
  failed: number;
  wallMs: number;
  roles: Record<string, number>;
}

/** Latency of one refresh-token exchange, as the SDK sees it (the 50 ms injected plus the rest). */
async function measureUpstreamLatencyMs(emulator: Emulator): Promise<number> {
  const workos = new WorkOS(emulator.apiKey, {
    apiHostname: '127.0.0.1',
    https: false,
    port: emulator.port,
    clientId: emulator.clientId,
  });
  const timings: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const { refreshToken } = emulator.issueSession({ accessTokenTtlSeconds: -1 });
    const start = performance.now();
    await workos.userManagement.authenticateWithRefreshToken({ refreshToken, clientId: emulator.clientId });
    timings.push(performance.now() - start);
  }
  return median(timings.slice(1));
}

async function storm(emulator: Emulator, contender: Contender): Promise<StormOutcome> {
  const { cookie } = await issueCookie(emulator, -60);
  // One request object each, as N separate requests would bring.
  const requests = Array.from({ length: N }, () => benchRequest(cookie));
  const before = upstreamRefreshCalls(emulator);
  const start = performance.now();
  const outcomes = await Promise.all(requests.map((request) => contender(request)));
  const wallMs = performance.now() - start;
  const roles: Record<string, number> = {};
  for (const outcome of outcomes) {
    const role = outcome.refresh ?? (outcome.signedIn ? 'signed in' : (outcome.errorCode ?? 'signed out'));
    roles[role] = (roles[role] ?? 0) + 1;
  }
  return {
    upstreamCalls: upstreamRefreshCalls(emulator) - before,
    failed: outcomes.filter((outcome) => !outcome.signedIn).length,
    wallMs,
    roles,
  };
}

const emulator = await startBenchEmulator();
try {
  const contenders = selectContenders<Contender>({
    ours: createOurs(emulator).authenticate,
    anchor: createAnchor(emulator).authenticate,
  });
  const names = Object.keys(contenders);
  // Warm-up with a valid session: the JWKS is fetched and cached before the storm, by both.
  const { cookie: validCookie } = await issueCookie(emulator, 3600);
  for (const name of names) await contenders[name]!(benchRequest(validCookie));
  const upstreamLatencyMs = await measureUpstreamLatencyMs(emulator);
  log(`one upstream refresh: ${formatMs(upstreamLatencyMs)} (injected ${UPSTREAM_LATENCY_MS} ms)`);

  const samples: Record<string, StormOutcome[]> = Object.fromEntries(names.map((name) => [name, []]));
  await measuredSection(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(names, round)) {
        const outcome = await storm(emulator, contenders[name]!);
        samples[name]!.push(outcome);
        log(
          `round ${round + 1}/${ROUNDS} ${name}: ${outcome.upstreamCalls} upstream, ${outcome.failed} failed, ${formatMs(outcome.wallMs)} ${JSON.stringify(outcome.roles)}`,
        );
        await sleep(200);
      }
    }
  });
  const summary = (name: string) => {
    const runs = samples[name]!;
    const wallMs = median(runs.map((run) => run.wallMs));
    return {
      upstreamCalls: Math.max(...runs.map((run) => run.upstreamCalls)),
      failed: Math.max(...runs.map((run) => run.failed)),
      wallMs,
      wallRatio: wallMs / upstreamLatencyMs,
      runs,
    };
  };
  if (!PROFILING) {
    const ours = summary('ours');
    const anchor = summary('anchor');
    const show = (s: ReturnType<typeof summary>) =>
      `${s.upstreamCalls} upstream, ${s.failed} failed, wall ${formatMs(s.wallMs)} = ${formatRatio(s.wallRatio)} upstream`;
    reportResults([
      {
        id: 'refresh-storm',
        title: `one process, N = ${formatNumber(N)} concurrent requests, one expired cookie`,
        target: `1 upstream, 0 failed, wall ≤ ${TARGET_WALL_RATIO}× upstream latency`,
        ours: `**${show(ours)}**`,
        anchor: show(anchor),
        floor: `upstream latency ${formatMs(upstreamLatencyMs)} (one SDK refresh call)`,
        verdict:
          ours.upstreamCalls === 1 && ours.failed === 0 && ours.wallRatio <= TARGET_WALL_RATIO
            ? 'met'
            : 'missed',
        note: `${N} concurrent in-process calls with one expired cookie; worst upstream/failed count and median wall over ${ROUNDS} round(s). The JWKS is warm.`,
        figures: { upstreamLatencyMs, ours, anchor, n: N },
      },
    ]);
  }
} finally {
  await emulator.stop();
}
