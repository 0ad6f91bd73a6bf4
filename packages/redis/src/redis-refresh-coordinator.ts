import {
  AuthKitError,
  type AuthKitErrorCode,
  type AuthKitLogger,
  createInProcessRefreshCoordinator,
  createSingleFlight,
  isAuthKitError,
  type RefreshCoordinator,
  type RefreshOutcome,
  type RefreshResult,
  type RefreshRunContext,
} from '@authkit-ssr/core';
import type { RedisCoordinatorClient } from './redis-client.js';
import {
  ACQUIRE_SCRIPT,
  PUBLISH_FAILURE_SCRIPT,
  PUBLISH_SUCCESS_SCRIPT,
  RELEASE_SCRIPT,
  RETIRE_SCRIPT,
  SET_PREVIOUS_SCRIPT,
} from './refresh-scripts.js';

/** Defaults of {@link RedisRefreshCoordinatorOptions}, in one place. */
const DEFAULTS = {
  keyPrefix: 'authkit:',
  leaseMarginSeconds: 2,
  pollIntervalMs: 200,
  commandTimeoutMs: 500,
  fallbackSeconds: 5,
  /** How long a failure marker stays for the waiters of its flight. */
  failureMarkerMs: 5_000,
} as const;

export interface RedisRefreshCoordinatorOptions {
  /** The Redis connection: `fromNodeRedis(client)`, `fromIoRedis(client)` or your own implementation. */
  client: RedisCoordinatorClient;
  /**
   * Prefix of every key and of the channel. Default `'authkit:'`. Must not contain `{` or `}`: the
   * refresh key inside the name is the Redis Cluster hash tag.
   */
  keyPrefix?: string;
  /**
   * How long the lock of a refresh lives if its holder dies. Default: the refresh deadline
   * (`refreshTimeoutSeconds` of core) + 2 s. Values not longer than the deadline are raised to the
   * deadline + 1 s, so a slow but live leader never loses its lock.
   */
  leaseSeconds?: number;
  /** How often a waiter re-reads Redis when no message arrives. Default 200 ms. */
  pollIntervalMs?: number;
  /** Time after which a Redis command counts as failed. Default 500 ms. */
  commandTimeoutMs?: number;
  /** After a Redis failure, how long runs stay on the in-process fallback before trying Redis again. Default 5 s. */
  fallbackSeconds?: number;
  /** Receives the degraded / restored lines (never keys or tokens). Default: `console.warn`. */
  logger?: AuthKitLogger;
  /** The coordinator used while Redis is unavailable. Default: core's `createInProcessRefreshCoordinator()`. */
  fallback?: RefreshCoordinator;
}

/** A {@link RefreshCoordinator} shared by every process that uses the same Redis and key prefix. */
export interface RedisRefreshCoordinator extends RefreshCoordinator {
  /** True while runs go through the in-process fallback because Redis failed. */
  readonly degraded: boolean;
  /** Closes the subscription connection. The client you passed in stays yours to close. */
  close(): Promise<void>;
}

type AcquireStep =
  | { kind: 'result'; entry: string }
  | { kind: 'locked'; owner: string }
  | { kind: 'acquired'; previousKey: string };

/** A Redis command failed or timed out: the run falls back, the request does not fail. */
class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

const FAILURE_CODES: ReadonlySet<AuthKitErrorCode> = new Set(['refresh_rejected', 'upstream_unavailable']);

/**
 * Creates a refresh coordinator that shares refreshes across processes and hosts through Redis:
 * of all concurrent runs for one refresh token, on any process, exactly one calls WorkOS; the others
 * receive its result (or its error), and requests that arrive within the replay window receive the
 * same tokens.
 *
 * How: an atomic script reads the stored result of the key, else takes the lock `lock` (random owner
 * token, lease longer than the refresh deadline). The leader refreshes, stores the sealed result
 * (kept for the replay window), releases the lock by compare-and-delete and publishes a message;
 * waiters wake on the message, or re-read every `pollIntervalMs` in case it was lost. A waiter that
 * sees the lock vanish without a result (the leader died) takes the lock over. Within a process,
 * concurrent runs of a key share one flight, so a process makes one lock attempt per key.
 *
 * Redis holds only hashes (keys) and values sealed with the cookie password. Keys are
 * `<prefix>{<key>}:lock|result|prev`: the braces make every key of one refresh land on one Redis
 * Cluster slot.
 *
 * When Redis fails or times out, runs fall back to in-process single-flight for `fallbackSeconds`
 * and the degradation is logged once; a request never fails because of Redis.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisRefreshCoordinator, fromNodeRedis } from '@authkit-ssr/redis';
 *
 * const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const core = new AuthKitCore({ ...options, refreshCoordinator: createRedisRefreshCoordinator({ client: fromNodeRedis(redis) }) });
 * ```
 * @throws {AuthKitError} `configuration_invalid` when `keyPrefix` contains `{` or `}`. Runs reject
 * with the leader's `refresh_rejected` / `upstream_unavailable` when the shared refresh failed, and
 * with `upstream_unavailable` when no result arrived before the waiting deadline.
 */
export function createRedisRefreshCoordinator(
  options: RedisRefreshCoordinatorOptions,
): RedisRefreshCoordinator {
  const { client } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULTS.keyPrefix;
  if (/[{}]/.test(keyPrefix)) {
    throw new AuthKitError(
      'configuration_invalid',
      'keyPrefix must not contain "{" or "}" (Redis Cluster hash tag)',
    );
  }
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULTS.commandTimeoutMs;
  const fallbackMs = (options.fallbackSeconds ?? DEFAULTS.fallbackSeconds) * 1000;
  const logger =
    options.logger ??
    ((message: string, details?: Record<string, string | number | boolean>) =>
      console.warn(`[authkit-ssr/redis] ${message}`, details ?? ''));
  const fallback = options.fallback ?? createInProcessRefreshCoordinator();
  const channel = `${keyPrefix}refreshed`;
  const flights = createSingleFlight<string, RefreshOutcome>();
  const wakeups = createWakeups();

  let degradedUntil: number | undefined;
  let closed = false;

  const markUnavailable = (error: unknown) => {
    if (degradedUntil === undefined) {
      // Only the error's name and code: a Redis error message may quote a key.
      const details: Record<string, string> = { error: error instanceof Error ? error.name : typeof error };
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string') details.code = code;
      logger('Redis unavailable: refreshes are coordinated within this process only', details);
    }
    degradedUntil = Date.now() + fallbackMs;
  };
  const markAvailable = () => {
    if (degradedUntil === undefined) return;
    degradedUntil = undefined;
    logger('Redis available again: refreshes are coordinated across processes');
  };

  const command = async (script: string, keys: string[], args: string[]): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reply = await Promise.race([
        client.eval(script, keys, args),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new RedisUnavailableError('Redis command timed out')),
            commandTimeoutMs,
          );
        }),
      ]);
      markAvailable();
      return reply;
    } catch (error) {
      markUnavailable(error);
      throw error instanceof RedisUnavailableError
        ? error
        : new RedisUnavailableError('Redis command failed', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };

  const names = (key: string) => {
    const base = `${keyPrefix}{${key}}`;
    return { lock: `${base}:lock`, result: `${base}:result`, prev: `${base}:prev` };
  };

  const acquire = async (
    key: string,
    token: string,
    leaseMs: number,
    awaited: string,
  ): Promise<AcquireStep> => {
    const { result, lock, prev } = names(key);
    let reply: unknown;
    try {
      reply = await command(ACQUIRE_SCRIPT, [result, lock, prev], [token, String(leaseMs), awaited]);
    } catch (error) {
      // A timed-out SET may still land later: queue a compare-and-delete behind it.
      client.eval(RELEASE_SCRIPT, [lock], [token]).catch(() => {});
      throw error;
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'string') {
      const error = new RedisUnavailableError('Unexpected reply from Redis');
      markUnavailable(error);
      throw error;
    }
    const value = typeof reply[1] === 'string' ? reply[1] : '';
    if (reply[0] === 'result') return { kind: 'result', entry: value };
    if (reply[0] === 'locked') return { kind: 'locked', owner: value };
    return { kind: 'acquired', previousKey: value };
  };

  // --- subscription: one per coordinator, opened lazily by the first waiter -----------------------
  let subscribing: Promise<void> | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;
  const ensureSubscribed = () => {
    if (subscribing || closed) return;
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new RedisUnavailableError('Redis subscribe timed out')),
      Math.max(commandTimeoutMs, 1000),
    );
    subscribing = client
      .subscribe(channel, (message) => wakeups.notify(message), abort.signal)
      .then((close) => {
        if (closed) return void close().catch(() => {});
        unsubscribe = close;
      })
      .catch(() => {
        // Waiters keep polling; the next waiter tries again.
        subscribing = undefined;
      })
      .finally(() => clearTimeout(timer));
  };

  const toOutcome = async (
    entry: string,
    role: 'joined' | 'replayed',
    context: RefreshRunContext,
  ): Promise<RefreshOutcome> => {
    const parsed = parseEntry(entry);
    if (parsed.status === 'failed') {
      throw new AuthKitError(parsed.code, 'The shared refresh failed in another process');
    }
    const session = await context.unsealSession(parsed.sealedSession);
    return { session, sealedSession: parsed.sealedSession, nextKey: parsed.nextKey, refresh: role };
  };

  const lead = async (
    key: string,
    token: string,
    previousKey: string,
    refresh: () => Promise<RefreshResult>,
    context: RefreshRunContext,
  ): Promise<RefreshOutcome> => {
    const { result: resultName, lock } = names(key);
    const replayMs = Math.round(context.replaySeconds * 1000);
    // Refreshing this token spends it: the token before it must no longer replay.
    if (previousKey !== '') await command(RETIRE_SCRIPT, [names(previousKey).result], []).catch(() => {});

    let result: RefreshResult;
    try {
      result = await refresh();
    } catch (error) {
      const code: AuthKitErrorCode =
        isAuthKitError(error) && FAILURE_CODES.has(error.code) ? error.code : 'upstream_unavailable';
      const entry = `failed ${token} 0 ${code}`;
      const stored = await command(
        PUBLISH_FAILURE_SCRIPT,
        [resultName, lock],
        [token, entry, String(DEFAULTS.failureMarkerMs), channel, key],
      ).catch(() => null);
      // Another flight of the same token succeeded meanwhile (our lease had run out): use its result.
      if (typeof stored === 'string')
        return toOutcome(stored, 'joined', context).catch(() => Promise.reject(error));
      throw error;
    }

    try {
      if (replayMs > 0) {
        await command(SET_PREVIOUS_SCRIPT, [names(result.nextKey).prev], [key, String(replayMs)]);
      }
      // Without replay the result still stays one lease long, for the waiters of this flight only.
      const ttlMs = replayMs > 0 ? replayMs : leaseMsFor(context);
      const entry = `ok ${token} ${replayMs > 0 ? 1 : 0} ${result.nextKey} ${result.sealedSession}`;
      await command(PUBLISH_SUCCESS_SCRIPT, [resultName, lock], [token, entry, String(ttlMs), channel, key]);
    } catch {
      // Already marked degraded; this process's callers still get the result.
    }
    return { ...result, refresh: 'led' };
  };

  const leaseMsFor = (context: RefreshRunContext) => {
    const minimum = context.timeoutSeconds + 1;
    const leaseSeconds = options.leaseSeconds ?? context.timeoutSeconds + DEFAULTS.leaseMarginSeconds;
    return Math.round(Math.max(leaseSeconds, minimum) * 1000);
  };

  const runShared = async (
    key: string,
    refresh: () => Promise<RefreshResult>,
    context: RefreshRunContext,
  ): Promise<RefreshOutcome> => {
    // Web Crypto, so the module also loads on runtimes without node:crypto.
    const token = crypto.randomUUID();
    const leaseMs = leaseMsFor(context);
    // Worst case for a waiter: the leader dies (one lease), then a takeover refreshes (one deadline).
    const deadline = Date.now() + leaseMs + context.timeoutSeconds * 1000;
    // Listen before the first read, so a message sent in between is not missed.
    const wakeup = wakeups.listen(key);
    try {
      let step: AcquireStep;
      try {
        step = await acquire(key, token, leaseMs, '');
      } catch (error) {
        if (error instanceof RedisUnavailableError) return fallback.run(key, refresh, context);
        throw error;
      }
      if (step.kind === 'result') return toOutcome(step.entry, 'replayed', context);
      if (step.kind === 'acquired') return lead(key, token, step.previousKey, refresh, context);

      ensureSubscribed();
      let awaited = step.owner;
      for (;;) {
        const remainingMs = deadline - Date.now();
        if (remainingMs <= 0) {
          throw new AuthKitError(
            'upstream_unavailable',
            'Timed out waiting for the refresh of another process',
          );
        }
        await wakeup.wait(Math.min(pollIntervalMs, remainingMs));
        try {
          step = await acquire(key, token, leaseMs, awaited);
        } catch (error) {
          if (error instanceof RedisUnavailableError) return fallback.run(key, refresh, context);
          throw error;
        }
        if (step.kind === 'result') return toOutcome(step.entry, 'joined', context);
        // The lock vanished without a result for us: its holder died. We took over.
        if (step.kind === 'acquired') return lead(key, token, step.previousKey, refresh, context);
        awaited = step.owner;
      }
    } finally {
      wakeup.close();
    }
  };

  return {
    get degraded() {
      return degradedUntil !== undefined;
    },

    async run(key, refresh, context) {
      if (degradedUntil !== undefined && Date.now() < degradedUntil)
        return fallback.run(key, refresh, context);
      const { promise, joined } = flights.run(key, () => runShared(key, refresh, context));
      const outcome = await promise;
      return joined && outcome.refresh === 'led' ? { ...outcome, refresh: 'joined' } : outcome;
    },

    async close() {
      closed = true;
      await subscribing;
      await unsubscribe?.().catch(() => {});
      unsubscribe = undefined;
    },
  };
}

type ParsedEntry =
  | { status: 'ok'; nextKey: string; sealedSession: string }
  | { status: 'failed'; code: AuthKitErrorCode };

function parseEntry(entry: string): ParsedEntry {
  const [status, , , first, ...rest] = entry.split(' ');
  if (status === 'ok' && first && rest.length > 0) {
    return { status: 'ok', nextKey: first, sealedSession: rest.join(' ') };
  }
  const code = first as AuthKitErrorCode;
  return { status: 'failed', code: FAILURE_CODES.has(code) ? code : 'upstream_unavailable' };
}

interface Wakeup {
  /** Resolves after `ms`, or at once when a message for the key arrived since the last wait. */
  wait(ms: number): Promise<void>;
  close(): void;
}

/** Per-key wake-up signals fed by the subscription. */
function createWakeups() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    listen(key: string): Wakeup {
      let pending = false;
      let wake: (() => void) | undefined;
      const notify = () => {
        if (wake) wake();
        else pending = true;
      };
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(notify);
      return {
        wait(ms) {
          if (pending) {
            pending = false;
            return Promise.resolve();
          }
          return new Promise((resolve) => {
            const done = () => {
              clearTimeout(timer);
              wake = undefined;
              resolve();
            };
            const timer = setTimeout(done, ms);
            wake = done;
          });
        },
        close() {
          const current = listeners.get(key);
          current?.delete(notify);
          if (current?.size === 0) listeners.delete(key);
        },
      };
    },
    notify(key: string) {
      const set = listeners.get(key);
      if (set) for (const notify of set) notify();
    },
  };
}
