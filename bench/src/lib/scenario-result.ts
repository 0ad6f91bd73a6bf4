import { writeFileSync } from 'node:fs';

export type Verdict = 'met' | 'missed' | 'not available' | 'error';

/** What one scenario reports: display strings for the table, raw figures for the JSON. */
export interface ScenarioResult {
  id: string;
  title: string;
  target: string;
  ours: string;
  anchor: string;
  floor: string;
  verdict: Verdict;
  /** One or two sentences: how it was measured, and why a target was missed. */
  note: string;
  figures: Record<string, unknown>;
}

/** Quick mode (`pnpm bench:quick`): fewer rounds and shorter runs, same scenarios. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** Scenarios run in child processes; they hand their results back through this file. */
export function reportResults(results: ScenarioResult[]): void {
  const file = process.env.BENCH_RESULT_FILE;
  const json = JSON.stringify(results, null, 2);
  if (file) writeFileSync(file, json);
  else console.log(json);
}

export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/**
 * `BENCH_ONLY=ours` (set by `src/profile.ts`) keeps only the named contenders, so that a CPU
 * profile shows one of them. Results of such a run are not comparisons and are not reported.
 */
export function selectContenders<T>(contenders: Record<string, T>): Record<string, T> {
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  if (!only?.length) return contenders;
  return Object.fromEntries(Object.entries(contenders).filter(([name]) => only.includes(name)));
}

export const PROFILING = Boolean(process.env.BENCH_ONLY);

/**
 * Runs the measured part of a scenario; under `src/profile.ts` (`BENCH_PROFILE_FILE`), records a
 * CPU profile of that part only, without the start-up of the process and the emulator.
 */
export async function measuredSection<T>(run: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_PROFILE_FILE;
  if (!file) return run();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
