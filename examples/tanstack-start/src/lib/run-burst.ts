// The race page's burst, in the browser: expire the access token, send N requests at once, and
// compare what they saw with the refresh calls WorkOS (the emulator) received meanwhile.
// Framework-free, so the race pages of the other examples link to this file (a symbolic link;
// the consumer tests copy what a link points at).

/** How one request of a burst ended: signed in (HTTP 200), signed out, or failed. */
export type BurstOutcome = 'ok' | 'signed-out' | 'error';

/** The request's part in a refresh; `null` when it did not take part in one. */
export type RefreshRole = 'led' | 'joined' | 'replayed';

/** What one request of a burst answers. */
export interface ProbeResult {
  signedIn: boolean;
  refresh: RefreshRole | null;
}

/** One request of a burst, timed in ms from the burst's start. */
export interface BurstRow {
  index: number;
  startMs: number;
  endMs: number;
  outcome: BurstOutcome;
  role: RefreshRole | null;
}

/** The emulator's refresh counters (`GET /api/demo/stats`). */
export interface RefreshStats {
  refreshCalls: number;
  refreshSucceeded: number;
  refreshRejected: number;
}

export interface BurstResult {
  singleFlight: boolean;
  rows: BurstRow[];
  /** The refresh calls WorkOS received during the burst. */
  upstream: RefreshStats;
  /** Whether the browser's session survived the burst. */
  signedInAfter: boolean;
}

export interface BurstOptions {
  count: number;
  singleFlight: boolean;
  /** Core's `DEMO_SINGLE_FLIGHT_HEADER`. */
  singleFlightHeader: string;
  /** Sends one request the way this framework does, with these extra headers. */
  probe: (headers: Record<string, string>) => Promise<ProbeResult>;
}

async function readStats(): Promise<RefreshStats> {
  const response = await fetch('/api/demo/stats', { cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /api/demo/stats answered ${response.status}`);
  return (await response.json()) as RefreshStats;
}

/** Gives the session an already expired access token (the refresh token is kept). */
export async function expireAccessToken(): Promise<void> {
  const response = await fetch('/api/demo/expire', { method: 'POST' });
  if (!response.ok) throw new Error(`POST /api/demo/expire answered ${response.status}`);
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const before = await readStats();
  await expireAccessToken();
  const headers: Record<string, string> = options.singleFlight ? {} : { [options.singleFlightHeader]: 'off' };
  const startedAt = performance.now();
  const rows = await Promise.all(
    Array.from({ length: options.count }, async (_, index): Promise<BurstRow> => {
      const startMs = performance.now() - startedAt;
      try {
        const { signedIn, refresh } = await options.probe(headers);
        const outcome = signedIn ? 'ok' : 'signed-out';
        return { index, startMs, endMs: performance.now() - startedAt, outcome, role: refresh };
      } catch {
        return { index, startMs, endMs: performance.now() - startedAt, outcome: 'error', role: null };
      }
    }),
  );
  // Read after every request of the burst has answered, so the difference is the burst's alone.
  const after = await readStats();
  const { signedIn } = await options.probe({});
  return {
    singleFlight: options.singleFlight,
    rows,
    upstream: {
      refreshCalls: after.refreshCalls - before.refreshCalls,
      refreshSucceeded: after.refreshSucceeded - before.refreshSucceeded,
      refreshRejected: after.refreshRejected - before.refreshRejected,
    },
    signedInAfter: signedIn,
  };
}
