// Scenario 4: four app processes (forked children) receive 25 concurrent requests each, all at
// once, all carrying the same expired session. Ours with the Redis coordinator, ours with the
// default in-process coordinator (what a multi-process deployment gets without Redis), and the
// anchor. The emulator counts the upstream refresh calls; the workers count failed requests.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startBenchEmulator, upstreamRefreshCalls } from '../lib/bench-emulator.ts';
import { upstreamOf } from '../lib/contenders.ts';
import { formatMs, median, rotate, sleep } from '../lib/measure.ts';
import { log, QUICK, reportResults, type ScenarioResult } from '../lib/scenario-result.ts';
import { issueCookie } from '../lib/sessions.ts';
import type { WorkerCommand, WorkerReply } from './redis-worker.ts';

const PROCESSES = 4;
const PER_PROCESS = 25;
const ROUNDS = QUICK ? 1 : 3;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKER_TIMEOUT_MS = 60_000;

const title = `${PROCESSES} processes × ${PER_PROCESS} with Redis`;
const target = '1 upstream, 0 failed';

function nextReply(child: ChildProcess): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${child.pid} did not answer`)),
      WORKER_TIMEOUT_MS,
    );
    const onMessage = (reply: WorkerReply) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (reply.type === 'error') reject(new Error(`worker ${child.pid}: ${reply.message}`));
      else resolve(reply);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      reject(new Error(`worker ${child.pid} exited with ${code}`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function askAll(children: ChildProcess[], command: WorkerCommand): Promise<WorkerReply[]> {
  const replies = children.map(nextReply);
  for (const child of children) child.send(command);
  return Promise.all(replies);
}

const emulator = await startBenchEmulator();
const children: ChildProcess[] = [];
try {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WORKOS_')));
  const workerPath = fileURLToPath(new URL('./redis-worker.ts', import.meta.url));
  for (let index = 0; index < PROCESSES; index++) {
    children.push(fork(workerPath, [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  }
  const { cookie: validCookie } = await issueCookie(emulator, 3600);
  // A prefix of our own on the shared Redis: keys of other runs and other users stay untouched.
  const keyPrefix = `authkit-bench:${process.pid}-${randomBytes(4).toString('hex')}:`;
  const ready = await askAll(children, {
    type: 'init',
    upstream: upstreamOf(emulator),
    redisUrl: REDIS_URL,
    keyPrefix,
    validCookie,
  });
  const first = ready[0];
  const redisError = first?.type === 'ready' ? first.redisError : undefined;
  if (redisError) log(`Redis coordinator not available: ${redisError}`);
  const variants = first?.type === 'ready' ? first.variants : [];

  type Run = { upstreamCalls: number; failed: number; wallMs: number; roles: Record<string, number> };
  const runs: Record<string, Run[]> = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of rotate(variants, round)) {
      const { cookie } = await issueCookie(emulator, -60);
      const before = upstreamRefreshCalls(emulator);
      const replies = await askAll(children, { type: 'go', variant, cookie, count: PER_PROCESS });
      // A waiter may still be finishing a late upstream call in another process.
      await sleep(300);
      const run: Run = {
        upstreamCalls: upstreamRefreshCalls(emulator) - before,
        failed: 0,
        wallMs: 0,
        roles: {},
      };
      for (const reply of replies) {
        if (reply.type !== 'done') continue;
        run.failed += reply.failed;
        run.wallMs = Math.max(run.wallMs, reply.wallMs);
        for (const [role, count] of Object.entries(reply.roles))
          run.roles[role] = (run.roles[role] ?? 0) + count;
      }
      runs[variant]!.push(run);
      log(
        `round ${round + 1}/${ROUNDS} ${variant}: ${run.upstreamCalls} upstream, ${run.failed} failed, ${formatMs(run.wallMs)} ${JSON.stringify(run.roles)}`,
      );
    }
  }
  const summary = (variant: string) => {
    const list = runs[variant];
    if (!list?.length) return undefined;
    return {
      upstreamCalls: Math.max(...list.map((run) => run.upstreamCalls)),
      failed: Math.max(...list.map((run) => run.failed)),
      wallMs: median(list.map((run) => run.wallMs)),
      runs: list,
    };
  };
  const show = (s: NonNullable<ReturnType<typeof summary>>) =>
    `${s.upstreamCalls} upstream, ${s.failed} failed (wall ${formatMs(s.wallMs)})`;
  const oursRedis = summary('oursRedis');
  const oursInProcess = summary('oursInProcess');
  const anchor = summary('anchor');
  const result: ScenarioResult = {
    id: 'redis-processes',
    title,
    target,
    ours: oursRedis
      ? `**${show(oursRedis)}**; without Redis: ${oursInProcess ? show(oursInProcess) : 'n/a'}`
      : `not available (${redisError}); without Redis: ${oursInProcess ? show(oursInProcess) : 'n/a'}`,
    anchor: anchor ? show(anchor) : 'n/a',
    floor: '—',
    verdict: oursRedis
      ? oursRedis.upstreamCalls === 1 && oursRedis.failed === 0
        ? 'met'
        : 'missed'
      : 'not available',
    note: `${PROCESSES} forked processes, ${PER_PROCESS} concurrent requests each, released together over IPC; worst counts over ${ROUNDS} round(s). Redis at ${REDIS_URL}, key prefix of this run only.`,
    figures: { oursRedis, oursInProcess, anchor, redisError, processes: PROCESSES, perProcess: PER_PROCESS },
  };
  reportResults([result]);
  await askAll(children, { type: 'exit' }).catch(() => {});
} finally {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await emulator.stop();
}
