// Scenario 5: a request refreshes an expired session (the refresh token rotates); then 10 late
// requests still carry the old cookie (a second tab, a request that left before the new cookie
// arrived), one every 100 ms. Counts the late requests that failed and the upstream calls they caused.
import type { Emulator } from '@authkit-ssr/emulator';
import { startBenchEmulator, upstreamRefreshCalls } from '../lib/bench-emulator.ts';
import { benchRequest, type Contender, createAnchor, createOurs } from '../lib/contenders.ts';
import { sleep } from '../lib/measure.ts';
import { log, reportResults } from '../lib/scenario-result.ts';
import { issueCookie } from '../lib/sessions.ts';

const LATE_REQUESTS = 10;
const GAP_MS = 100;

async function lateRequests(emulator: Emulator, contender: Contender) {
  const { cookie } = await issueCookie(emulator, -60);
  const first = await contender(benchRequest(cookie));
  if (!first.signedIn || first.setCookies.length === 0) throw new Error('the first refresh did not succeed');
  const before = upstreamRefreshCalls(emulator);
  let failed = 0;
  const roles: Record<string, number> = {};
  for (let index = 0; index < LATE_REQUESTS; index++) {
    await sleep(GAP_MS);
    const outcome = await contender(benchRequest(cookie));
    if (!outcome.signedIn) failed++;
    const role = outcome.refresh ?? (outcome.signedIn ? 'signed in' : (outcome.errorCode ?? 'signed out'));
    roles[role] = (roles[role] ?? 0) + 1;
  }
  return { failed, upstreamCalls: upstreamRefreshCalls(emulator) - before, roles };
}

const emulator = await startBenchEmulator();
try {
  const { authenticate: ours, core } = createOurs(emulator);
  const anchor = createAnchor(emulator).authenticate;
  const oursRun = await lateRequests(emulator, ours);
  log(`ours: ${JSON.stringify(oursRun)}`);
  const anchorRun = await lateRequests(emulator, anchor);
  log(`anchor: ${JSON.stringify(anchorRun)}`);
  const show = (run: typeof oursRun) => `${run.failed} failed, ${run.upstreamCalls} upstream`;
  reportResults([
    {
      id: 'late-requests',
      title: `${LATE_REQUESTS} late requests with the rotated-away cookie`,
      target: '0 failed, 0 upstream',
      ours: `**${show(oursRun)}**`,
      anchor: show(anchorRun),
      floor: '—',
      verdict: oursRun.failed === 0 && oursRun.upstreamCalls === 0 ? 'met' : 'missed',
      note: `After one refresh, ${LATE_REQUESTS} requests with the old cookie, one every ${GAP_MS} ms, in the same process (ours: replay window ${core.options.refreshReplaySeconds} s, the default). The emulator refuses a reused refresh token, as WorkOS does.`,
      figures: { ours: oursRun, anchor: anchorRun, gapMs: GAP_MS },
    },
  ]);
} finally {
  await emulator.stop();
}
