import type { Session } from './session.js';
import { createSingleFlight } from './single-flight.js';

/** How a caller obtained its refreshed session. */
export type RefreshRole = 'led' | 'joined' | 'replayed';

/** What one refresh produces. The sealed value is computed once and shared by every waiter. */
export interface RefreshResult {
  session: Session;
  /** The new session sealed with the cookie password: the cookie value, and safe to store outside the process. */
  sealedSession: string;
  /** The refresh key of the new session, so the coordinator can retire this result's replay when it is refreshed in turn. */
  nextKey: string;
}

export interface RefreshOutcome extends RefreshResult {
  refresh: RefreshRole;
}

/** What core hands a coordinator with each run. */
export interface RefreshRunContext {
  /** Turns a sealed session received from elsewhere (another process) back into a session. */
  unsealSession(sealedSession: string): Promise<Session>;
  /** Seconds a successful result stays replayable for its key (0: no replay). */
  replaySeconds: number;
  /** Deadline of the whole refresh; waiters never wait longer. */
  timeoutSeconds: number;
}

/**
 * The seam between core and the way refreshes are shared.
 *
 * Contract: concurrent runs with the same `key` call `refresh` once and all receive its result or
 * its error; a success stays available under `key` for `context.replaySeconds` (only the latest
 * token of a chain replays); a failure is never cached. `key` is already a hash; never log it anyway.
 */
export interface RefreshCoordinator {
  run(
    key: string,
    refresh: () => Promise<RefreshResult>,
    context: RefreshRunContext,
  ): Promise<RefreshOutcome>;
}

interface ReplayEntry {
  result: RefreshResult;
  expiresAt: number;
}

export interface InProcessRefreshCoordinatorOptions {
  /** Bound of remembered replays. Default 10 000. */
  maxReplayEntries?: number;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Single-flight within one process, plus the replay window. The default coordinator of core, and
 * the fallback of `@authkit-ssr/redis` when Redis is unreachable.
 */
export function createInProcessRefreshCoordinator(
  options: InProcessRefreshCoordinatorOptions = {},
): RefreshCoordinator {
  const maxReplayEntries = options.maxReplayEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const flights = createSingleFlight<string, RefreshResult>();
  const replays = new Map<string, ReplayEntry>();
  // nextKey → the key whose replay hands out that session; retired when nextKey is refreshed.
  const predecessors = new Map<string, string>();

  const readReplay = (key: string): RefreshResult | undefined => {
    const entry = replays.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      replays.delete(key);
      predecessors.delete(entry.result.nextKey);
      return undefined;
    }
    return entry.result;
  };

  const remember = (key: string, result: RefreshResult, replaySeconds: number) => {
    if (replaySeconds <= 0) return;
    // Map iteration order is insertion order: the first entry is the oldest.
    while (replays.size >= maxReplayEntries) {
      const oldest = replays.keys().next();
      if (oldest.done) break;
      const entry = replays.get(oldest.value);
      replays.delete(oldest.value);
      if (entry) predecessors.delete(entry.result.nextKey);
    }
    replays.set(key, { result, expiresAt: now() + replaySeconds * 1000 });
    predecessors.set(result.nextKey, key);
  };

  return {
    async run(key, refresh, context) {
      const replayed = readReplay(key);
      if (replayed) return { ...replayed, refresh: 'replayed' };

      const { promise, joined } = flights.run(key, async () => {
        // Refreshing this token spends it: the token before it must no longer replay.
        const previous = predecessors.get(key);
        if (previous !== undefined) {
          replays.delete(previous);
          predecessors.delete(key);
        }
        const result = await refresh();
        remember(key, result, context.replaySeconds);
        return result;
      });
      const result = await promise;
      return { ...result, refresh: joined ? 'joined' : 'led' };
    },
  };
}
