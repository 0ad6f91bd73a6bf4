// Scenario 8: a stream of distinct valid cookies (each one a cache miss: unseal, verify, cache it)
// through one core with the default cache bound. Does memory stop growing once the cache is full?
//
// Two processes, one after the other, each with a fresh heap: ours with the default bound, for
// the time budget; then the same core with the cache switched off (`sessionCacheMaxEntries: 0`)
// for the same number of cookies. The second one is the reference for everything that is not the
// cache: Node's crypto, the allocator's arenas, the code. RSS and heap are sampled after a forced GC.
//
// Cookies: the same session sealed again and again; iron's random salts and IV make every value
// distinct, and each is a valid cookie that core must unseal and verify before caching it (the
// cache is keyed by a hash of the cookie value). They are sealed with node:crypto (sealCookieFast)
// to keep the generator cheap; core unseals them with iron-webcrypto.
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '@authkit-ssr/core';
import { startBenchEmulator } from '../lib/bench-emulator.ts';
import { benchRequest, createOurs } from '../lib/contenders.ts';
import { formatBytes, formatNumber } from '../lib/measure.ts';
import { log, QUICK, reportResults } from '../lib/scenario-result.ts';
import { sealCookieFast, toSession } from '../lib/sessions.ts';

const TARGET_COOKIES = Number(process.env.BENCH_MEMORY_COOKIES ?? 1_000_000);
/** Time budget of each of the two runs (with and without the cache); 0: none. */
const BUDGET_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? (QUICK ? 20 : 120));
const BATCH = 1_000;
const CONCURRENCY = 16;
const BOUND = DEFAULTS.sessionCacheMaxEntries;
const CHECKPOINTS = [BOUND, 2 * BOUND, 5 * BOUND, 100_000, 250_000, 500_000, 750_000, 1_000_000];

interface Sample {
  cookies: number;
  seconds: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

interface StreamResult {
  processed: number;
  seconds: number;
  samples: Sample[];
  metrics: Record<string, number>;
}

/** Child: stream cookies through one core and sample memory. */
async function streamCookies(
  cacheEntries: number,
  cookies: number,
  budgetSeconds: number,
): Promise<StreamResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const emulator = await startBenchEmulator();
  try {
    const { core, authenticate } = createOurs(emulator, { sessionCacheMaxEntries: cacheEntries });
    const session = toSession(emulator.issueSession({ accessTokenTtlSeconds: 3600 }));
    const data = { accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user };
    const warm = await authenticate(benchRequest(sealCookieFast(data)));
    if (!warm.signedIn)
      throw new Error(`a fast-sealed cookie was refused (${warm.errorCode ?? 'signed out'})`);

    const start = performance.now();
    const sample = (count: number): Sample => {
      gc();
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      return {
        cookies: count,
        seconds: (performance.now() - start) / 1000,
        rssBytes: rss,
        heapUsedBytes: heapUsed,
        heapTotalBytes: heapTotal,
        externalBytes: external,
      };
    };
    const samples = [sample(0)];
    const deadline = budgetSeconds > 0 ? start + budgetSeconds * 1000 : Number.POSITIVE_INFINITY;
    let processed = 0;
    while (processed < cookies && performance.now() < deadline) {
      const requests = Array.from({ length: Math.min(BATCH, cookies - processed) }, () =>
        benchRequest(sealCookieFast(data)),
      );
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < requests.length) {
            const outcome = await authenticate(requests[next++]!);
            if (!outcome.signedIn)
              throw new Error(`a cookie was not signed in (${outcome.errorCode ?? 'signed out'})`);
          }
        }),
      );
      processed += requests.length;
      if (CHECKPOINTS.includes(processed)) {
        const last = sample(processed);
        samples.push(last);
        log(
          `cache ${formatNumber(cacheEntries)}: ${formatNumber(processed)} cookies, ${last.seconds.toFixed(0)} s: RSS ${formatBytes(last.rssBytes)}, heap ${formatBytes(last.heapUsedBytes)}`,
        );
      }
    }
    if (samples.at(-1)!.cookies !== processed) samples.push(sample(processed));
    return {
      processed,
      seconds: (performance.now() - start) / 1000,
      samples,
      metrics: { ...core.metrics() },
    };
  } finally {
    await emulator.stop();
  }
}

function runChild(cacheEntries: number, cookies: number, budgetSeconds: number): Promise<StreamResult> {
  const file = join(tmpdir(), `authkit-bench-memory-${process.pid}-${cacheEntries}.json`);
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      BENCH_MEMORY_CHILD: JSON.stringify({ cacheEntries, cookies, budgetSeconds }),
      BENCH_RESULT_FILE: file,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited with ${code}`));
      resolve(JSON.parse(readFileSync(file, 'utf8')) as StreamResult);
    });
  });
}

const childSpec = process.env.BENCH_MEMORY_CHILD;
if (childSpec) {
  // The scenario process went away (timeout): do not stream on alone.
  process.once('disconnect', () => process.exit(1));
  const { cacheEntries, cookies, budgetSeconds } = JSON.parse(childSpec) as {
    cacheEntries: number;
    cookies: number;
    budgetSeconds: number;
  };
  const result = await streamCookies(cacheEntries, cookies, budgetSeconds);
  writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify(result));
  process.exit(0);
}

const withCache = await runChild(BOUND, TARGET_COOKIES, BUDGET_SECONDS);
// As many cookies without the cache, within the same time budget (it may fall a little short).
const withoutCache = await runChild(0, withCache.processed, BUDGET_SECONDS);

const at = (run: StreamResult, cookies: number) => run.samples.find((sample) => sample.cookies === cookies);
const JUDGE_FROM = 5 * BOUND;
const start = withCache.samples[0]!;
const full = at(withCache, 2 * BOUND);
const settled = at(withCache, JUDGE_FROM);
const end = withCache.samples.at(-1)!;
const referenceFull = at(withoutCache, 2 * BOUND);
const referenceSettled = at(withoutCache, JUDGE_FROM);
const referenceEnd = withoutCache.samples.at(-1)!;
// What the full cache takes on the heap, by comparison with the run without it.
const cacheHeapBytes = full && referenceFull ? full.heapUsedBytes - referenceFull.heapUsedBytes : Number.NaN;
const perEntryBytes = cacheHeapBytes / BOUND;
const heapGrowthAfterFull = full ? end.heapUsedBytes - full.heapUsedBytes : Number.NaN;
const rssOverReference = end.rssBytes - referenceEnd.rssBytes;
// Once the cache has been full for a while (5× the bound), RSS may grow as the run without cache
// grows over the same cookies (allocator arenas, crypto), plus at most one cache's worth.
const rssGrowth = settled ? end.rssBytes - settled.rssBytes : Number.NaN;
const referenceRssGrowth = referenceSettled ? referenceEnd.rssBytes - referenceSettled.rssBytes : Number.NaN;
const enough = withCache.processed > JUDGE_FROM && withoutCache.processed > JUDGE_FROM;
const bounded =
  heapGrowthAfterFull <= Math.max(0.1 * cacheHeapBytes, 1024 * 1024) &&
  rssGrowth <= Math.max(referenceRssGrowth, 0) + cacheHeapBytes;
const reachedTarget = withCache.processed >= TARGET_COOKIES;
const samplesText = withCache.samples
  .map((sample) => {
    const reference = at(withoutCache, sample.cookies);
    return `${formatNumber(sample.cookies)}: RSS ${formatBytes(sample.rssBytes)} (cache off ${reference ? formatBytes(reference.rssBytes) : 'n/a'}), heap ${formatBytes(sample.heapUsedBytes)} of ${formatBytes(sample.heapTotalBytes)} (cache off ${reference ? formatBytes(reference.heapUsedBytes) : 'n/a'})`;
  })
  .join('; ');
log(samplesText);

reportResults([
  {
    id: 'cache-memory',
    title: 'memory: 1 million distinct cookies through the cache',
    target: "RSS stays within the cache's bound",
    ours: `**${formatNumber(withCache.processed)} cookies${reachedTarget ? '' : ` (of ${formatNumber(TARGET_COOKIES)}: time budget)`}: RSS ${settled ? formatBytes(settled.rssBytes) : 'n/a'} at ${formatNumber(JUDGE_FROM)} → ${formatBytes(end.rssBytes)} (cache off: ${referenceSettled ? formatBytes(referenceSettled.rssBytes) : 'n/a'} → ${formatBytes(referenceEnd.rssBytes)}); heap ${full ? formatBytes(full.heapUsedBytes) : 'n/a'} at ${formatNumber(2 * BOUND)} → ${formatBytes(end.heapUsedBytes)}**`,
    anchor: 'no cache (keeps nothing)',
    floor: `the full cache ≈ ${formatBytes(cacheHeapBytes)} of heap (≈ ${formatNumber(perEntryBytes)} B a session; unbounded, ${formatNumber(withCache.processed)} would be ≈ ${formatBytes(perEntryBytes * withCache.processed)}); RSS over the cache-off run at the end: ${formatBytes(rssOverReference)}`,
    verdict: !enough ? 'not available' : bounded ? 'met' : 'missed',
    note: `Default bound ${formatNumber(BOUND)} entries. Distinct valid cookies (the same session sealed again: new salts and IV) through \`authenticate\`, ${CONCURRENCY} at a time; then, in a fresh process, as many as fit the same budget (${formatNumber(withoutCache.processed)}) through the same core with \`sessionCacheMaxEntries: 0\` (the reference for what is not the cache: crypto, allocator arenas). Memory after a forced GC (${formatNumber(start.rssBytes / 1048576, 0)} MB RSS at start). Met when, once the cache is full, the heap grows by less than a tenth of the cache, and from ${formatNumber(JUDGE_FROM)} cookies to the end of each run RSS grows no more than the cache-off run's RSS plus one cache.${reachedTarget ? '' : ` ${formatNumber(withCache.processed)} of ${formatNumber(TARGET_COOKIES)} cookies fit the time budget (\`BENCH_MEMORY_SECONDS=0\` runs them all).`}${enough ? '' : ` Too few cookies to judge (each run needs more than ${formatNumber(JUDGE_FROM)}).`} Samples: ${samplesText}.`,
    figures: {
      bound: BOUND,
      processed: withCache.processed,
      targetCookies: TARGET_COOKIES,
      budgetSeconds: BUDGET_SECONDS,
      cookiesPerSecond: withCache.processed / withCache.seconds,
      cacheHeapBytes,
      perEntryBytes,
      heapGrowthAfterFull,
      rssGrowth,
      referenceRssGrowth,
      rssOverReference,
      withCache,
      withoutCache,
    },
  },
]);
