import type { BenchRequest, Contender } from './contenders.ts';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The same list starting at `offset`: each round runs the contenders in another order. */
export function rotate<T>(items: readonly T[], offset: number): T[] {
  const start = offset % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/**
 * Requests per second of `concurrency` callers that each await the contender in a loop for
 * `durationMs`. Every call must sign in; a call that does not fails the benchmark.
 */
export async function measureThroughput(
  contender: Contender,
  request: BenchRequest,
  concurrency: number,
  durationMs: number,
): Promise<number> {
  let completed = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const outcome = await contender(request);
      if (!outcome.signedIn)
        throw new Error(`A request was not signed in (${outcome.errorCode ?? 'no error'})`);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return completed / ((performance.now() - start) / 1000);
}

/**
 * Microseconds per call, one call at a time over `requests` (each used once): wall time (what a
 * request waits) and CPU time of the whole process (all threads: Web Crypto runs on the thread pool),
 * as means, plus the wall time of every call (a median of those ignores the calls during which the
 * OS ran another process, which matters on a loaded machine).
 */
export async function measureCostMicros(
  contender: Contender,
  requests: readonly BenchRequest[],
): Promise<{ wall: number; cpu: number; calls: number[] }> {
  const calls: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const request of requests) {
    const callStart = performance.now();
    const outcome = await contender(request);
    calls.push((performance.now() - callStart) * 1000);
    if (!outcome.signedIn)
      throw new Error(`A request was not signed in (${outcome.errorCode ?? 'no error'})`);
  }
  const wall = ((performance.now() - start) * 1000) / requests.length;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / requests.length, calls };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 10 ? formatNumber(value, 0) : formatNumber(value, value < 2 ? 3 : 2)}×`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${formatNumber(ms / 1000, 2)} s` : `${formatNumber(ms, ms >= 100 ? 0 : 1)} ms`;
}

export function formatBytes(bytes: number): string {
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}
