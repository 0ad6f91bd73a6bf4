// Scenario 6: every refresh-token exchange is answered 429 with `Retry-After: 1` (after the usual
// 50 ms). 10 concurrent requests carry one expired session. How long until they fail, what do they
// see, and is the session cookie kept (no clearing Set-Cookie, and the caller is told "try later",
// not "signed out")? Ours, then the anchor, each on a session of its own.
import type { Emulator } from '@authkit-ssr/emulator';
import { setFaults, startBenchEmulator, upstreamRefreshCalls } from '../lib/bench-emulator.ts';
import { benchRequest, type Contender, createAnchor, createOurs } from '../lib/contenders.ts';
import { formatMs } from '../lib/measure.ts';
import { log, reportResults } from '../lib/scenario-result.ts';
import { issueCookie } from '../lib/sessions.ts';

const REQUESTS = 10;
const RETRY_AFTER_SECONDS = 1;

async function rateLimited(emulator: Emulator, contender: Contender) {
  const { cookie } = await issueCookie(emulator, -60);
  const before = upstreamRefreshCalls(emulator);
  const start = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: REQUESTS }, async () => {
      const outcome = await contender(benchRequest(cookie));
      return { ...outcome, ms: performance.now() - start };
    }),
  );
  const seen: Record<string, number> = {};
  for (const outcome of outcomes) {
    const what = outcome.signedIn ? 'signed in' : (outcome.errorCode ?? 'signed out');
    seen[what] = (seen[what] ?? 0) + 1;
  }
  return {
    failed: outcomes.filter((o) => !o.signedIn).length,
    timeToFailMs: Math.max(...outcomes.map((o) => o.ms)),
    cookieCleared: outcomes.some((o) => o.setCookies.length > 0),
    upstreamCalls: upstreamRefreshCalls(emulator) - before,
    seen,
  };
}

const emulator = await startBenchEmulator();
try {
  const { authenticate: ours, core } = createOurs(emulator);
  const anchor = createAnchor(emulator).authenticate;
  // JWKS warm for both before the fault goes in.
  const { cookie } = await issueCookie(emulator, 3600);
  await ours(benchRequest(cookie));
  await anchor(benchRequest(cookie));
  setFaults(emulator, [
    {
      endpoint: 'authenticate',
      grantType: 'refresh_token',
      status: 429,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      latencyMs: 50,
    },
  ]);
  const oursRun = await rateLimited(emulator, ours);
  const anchorRun = await rateLimited(emulator, anchor);
  log(`ours: ${JSON.stringify(oursRun)}`);
  log(`anchor: ${JSON.stringify(anchorRun)}`);
  const timeoutMs = core.options.refreshTimeoutSeconds * 1000;
  // Ours keeps the cookie when it answers `upstream_unavailable` (503, transient) and writes no Set-Cookie.
  const oursKept = !oursRun.cookieCleared && (oursRun.seen.upstream_unavailable ?? 0) === oursRun.failed;
  const describe = (run: typeof oursRun, kept: string) =>
    `${run.failed}/${REQUESTS} failed after ${formatMs(run.timeToFailMs)} as ${Object.keys(run.seen).join(', ')}; ${kept}; ${run.upstreamCalls} upstream calls`;
  reportResults([
    {
      id: 'rate-limited',
      title: 'upstream answers 429 every time',
      target: `fails within \`refreshTimeoutSeconds\` (${core.options.refreshTimeoutSeconds} s), cookie kept`,
      ours: `**${describe(oursRun, oursKept ? 'cookie kept (503)' : 'cookie cleared')}**`,
      anchor: describe(
        anchorRun,
        anchorRun.cookieCleared ? 'cookie cleared' : 'no Set-Cookie, but the request is signed out',
      ),
      floor: '—',
      verdict: oursRun.timeToFailMs <= timeoutMs && oursKept ? 'met' : 'missed',
      note: `${REQUESTS} concurrent requests with one expired session, every refresh answered 429 with Retry-After: ${RETRY_AFTER_SECONDS} s. Each library keeps its own retry settings (the anchor: the SDK's retries plus one retry of its own).`,
      figures: {
        ours: oursRun,
        anchor: anchorRun,
        refreshTimeoutMs: timeoutMs,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      },
    },
  ]);
} finally {
  await emulator.stop();
}
