// Scenario 1: a valid session whose cookie the process has seen before, 100 concurrent callers.
// Ours answers from the verified-session cache; the anchor unseals and verifies every time; the
// floor is one Map lookup. Rounds alternate the contenders; the median of each is reported.
import { startBenchEmulator } from '../lib/bench-emulator.ts';
import {
  benchRequest,
  type Contender,
  createAnchor,
  createIronJoseContender,
  createMapFloor,
  createOurs,
} from '../lib/contenders.ts';
import { formatNumber, formatRatio, measureThroughput, median, rotate } from '../lib/measure.ts';
import {
  log,
  measuredSection,
  PROFILING,
  QUICK,
  reportResults,
  selectContenders,
} from '../lib/scenario-result.ts';
import { issueCookie } from '../lib/sessions.ts';

const CONCURRENCY = 100;
const ROUNDS = QUICK ? 3 : 5;
const ROUND_MS = QUICK ? 500 : 1500;
const TARGET_RATIO = 50;

const emulator = await startBenchEmulator();
try {
  const { session, cookie } = await issueCookie(emulator, 3600);
  const request = benchRequest(cookie);
  const contenders = selectContenders<Contender>({
    ours: createOurs(emulator).authenticate,
    anchor: createAnchor(emulator).authenticate,
    floorMap: createMapFloor([[cookie, session]]),
    ironJose: await createIronJoseContender(emulator),
  });
  const names = Object.keys(contenders);
  // Warm-up: JWKS fetched, code optimised, ours has the cookie in its cache.
  for (const name of names) await measureThroughput(contenders[name]!, request, CONCURRENCY, 300);

  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  await measuredSection(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(names, round)) {
        samples[name]!.push(await measureThroughput(contenders[name]!, request, CONCURRENCY, ROUND_MS));
      }
      log(
        `round ${round + 1}/${ROUNDS}: ${names.map((n) => `${n} ${formatNumber(samples[n]!.at(-1)!)}`).join(', ')}`,
      );
    }
  });
  const rps = Object.fromEntries(names.map((name) => [name, median(samples[name]!)])) as Record<
    string,
    number
  >;
  const ratio = rps.ours! / rps.anchor!;
  if (!PROFILING)
    reportResults([
      {
        id: 'repeated-cookie',
        title: 'valid session, repeated cookie, 100 concurrent',
        target: `≥ ${TARGET_RATIO}× the anchor's req/s`,
        ours: `${formatNumber(rps.ours!)} req/s = **${formatRatio(ratio)}** the anchor`,
        anchor: `${formatNumber(rps.anchor!)} req/s`,
        floor: `Map: ${formatNumber(rps.floorMap!)} req/s (ours = ${formatRatio(rps.ours! / rps.floorMap!)}); iron-webcrypto + jose: ${formatNumber(rps.ironJose!)} req/s`,
        verdict: ratio >= TARGET_RATIO ? 'met' : 'missed',
        note: `In-process calls, ${CONCURRENCY} concurrent callers, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms, median req/s.`,
        figures: { requestsPerSecond: rps, ratioOursToAnchor: ratio, samples, concurrency: CONCURRENCY },
      },
    ]);
} finally {
  await emulator.stop();
}
