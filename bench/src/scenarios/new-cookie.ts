// Scenario 2: a valid session with a cookie the process has never seen (every call a different
// session: its own access token, its own seal). Cost per call, one call at a time, of ours, the
// anchor, what the kits build on (raw iron-webcrypto unseal + jose jwtVerify with the key set in
// memory) and the floor (the same cryptographic work on node:crypto, nothing around it).
import { sealSession } from '@authkit-ssr/core';
import { COOKIE_PASSWORD, startBenchEmulator } from '../lib/bench-emulator.ts';
import {
  type BenchRequest,
  benchRequest,
  type Contender,
  createAnchor,
  createIronJoseContender,
  createNodeCryptoFloor,
  createOurs,
} from '../lib/contenders.ts';
import { formatNumber, formatRatio, measureCostMicros, median, rotate } from '../lib/measure.ts';
import {
  log,
  measuredSection,
  PROFILING,
  QUICK,
  reportResults,
  selectContenders,
} from '../lib/scenario-result.ts';
import { toSession } from '../lib/sessions.ts';

const ROUNDS = QUICK ? 3 : 7;
const CALLS_PER_ROUND = QUICK ? 300 : 1000;
const TARGET_RATIO = 1.5;
/** Calls per contender before the next one takes over. */
const SLICE = 50;

const emulator = await startBenchEmulator();
try {
  const base = toSession(emulator.issueSession({ accessTokenTtlSeconds: 3600 }));
  // Distinct sessions: a fresh access token (own jti and sid) and a fresh seal for every call.
  const makeRequests = async (count: number): Promise<BenchRequest[]> => {
    const requests: BenchRequest[] = [];
    for (let index = 0; index < count; index++) {
      const accessToken = emulator.signAccessToken(
        { sub: base.user.id, sid: `session_bench_${index}_${Math.random().toString(36).slice(2)}` },
        { expiresInSeconds: 3600 },
      );
      requests.push(benchRequest(await sealSession({ ...base, accessToken }, [COOKIE_PASSWORD])));
    }
    return requests;
  };
  const contenders = selectContenders<Contender>({
    ours: createOurs(emulator).authenticate,
    anchor: createAnchor(emulator).authenticate,
    ironJose: await createIronJoseContender(emulator),
    floor: await createNodeCryptoFloor(emulator),
  });
  const names = Object.keys(contenders);
  log(`sealing ${(ROUNDS + 1) * CALLS_PER_ROUND} distinct sessions`);
  const warmUp = await makeRequests(Math.min(CALLS_PER_ROUND, 300));
  const rounds: BenchRequest[][] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await makeRequests(CALLS_PER_ROUND));

  // Warm-up on cookies of their own (ours caches what it has seen, so no round reuses them).
  for (const name of names) await measureCostMicros(contenders[name]!, warmUp);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  await measuredSection(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Every contender gets the same never-seen cookies of this round, in slices that alternate
      // between the contenders: a change of machine load then hits all of them alike.
      const sums = Object.fromEntries(names.map((name) => [name, { wall: 0, cpu: 0 }]));
      const requests = rounds[round]!;
      for (let start = 0, slice = 0; start < requests.length; start += SLICE, slice++) {
        for (const name of rotate(names, round + slice)) {
          const cost = await measureCostMicros(contenders[name]!, requests.slice(start, start + SLICE));
          const count = Math.min(SLICE, requests.length - start);
          sums[name]!.wall += cost.wall * count;
          sums[name]!.cpu += cost.cpu * count;
        }
      }
      for (const name of names) {
        wall[name]!.push(sums[name]!.wall / requests.length);
        cpu[name]!.push(sums[name]!.cpu / requests.length);
      }
      log(
        `round ${round + 1}/${ROUNDS}: ${names.map((n) => `${n} ${formatNumber(wall[n]!.at(-1)!)} µs (CPU ${formatNumber(cpu[n]!.at(-1)!)})`).join(', ')}`,
      );
    }
  });
  if (!PROFILING) {
    // Ratios per round (the contenders ran back to back on the same cookies), then the median.
    const ratioToFloor = (samples: Record<string, number[]>, name: string) =>
      median(samples[name]!.map((value, round) => value / samples.floor![round]!));
    const medians = (samples: Record<string, number[]>) =>
      Object.fromEntries(names.map((name) => [name, median(samples[name]!)])) as Record<string, number>;
    const wallMicros = medians(wall);
    const cpuMicros = medians(cpu);
    const ratio = ratioToFloor(wall, 'ours');
    const show = (name: string) =>
      `${formatNumber(wallMicros[name]!)} µs/call = ${formatRatio(ratioToFloor(wall, name))} the floor (CPU ${formatNumber(cpuMicros[name]!)} µs = ${formatRatio(ratioToFloor(cpu, name))})`;
    reportResults([
      {
        id: 'new-cookie',
        title: 'valid session, new cookie each time',
        target: `≤ ${TARGET_RATIO}× the floor's cost`,
        ours: `**${show('ours')}**`,
        anchor: `${show('anchor')}; ours = ${formatRatio(wallMicros.anchor! / wallMicros.ours!)} faster`,
        floor: `${formatNumber(wallMicros.floor!)} µs/call, CPU ${formatNumber(cpuMicros.floor!)} µs (node:crypto: PBKDF2 ×2, HMAC, AES, RS256 with a ready key); iron-webcrypto + jose: ${show('ironJose')}`,
        verdict: ratio <= TARGET_RATIO ? 'met' : 'missed',
        note: `One call at a time over ${CALLS_PER_ROUND} never-seen cookies per round, contenders alternating every ${SLICE} calls, ${ROUNDS} rounds. Cost is the wall time a call waits (the verdict), with the process's CPU time (all threads) beside it; ratios are medians of per-round ratios.`,
        figures: {
          wallMicrosPerCall: wallMicros,
          cpuMicrosPerCall: cpuMicros,
          ratioOursToFloor: ratio,
          ratioAnchorToFloor: ratioToFloor(wall, 'anchor'),
          ratioIronJoseToFloor: ratioToFloor(wall, 'ironJose'),
          cpuRatioOursToFloor: ratioToFloor(cpu, 'ours'),
          wall,
          cpu,
        },
      },
    ]);
  }
} finally {
  await emulator.stop();
}
