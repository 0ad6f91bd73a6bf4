import { randomBytes } from 'node:crypto';
import {
  type RefreshResult,
  type RefreshRunContext,
  refreshKey,
  type Session,
  sealSession,
  unsealSession,
} from '@authkit-ssr/core';
import type { User } from '@workos-inc/node';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { inject } from 'vitest';
import type { RedisCoordinatorClient } from '../src/index.js';

/** Set by test/global-setup.ts: the shared Redis, or one it started. */
export const REDIS_URL = inject('redisUrl');
export const PASSWORD = 'a-test-cookie-password-of-at-least-32-chars';

/** A key prefix of its own for each test, so tests never see each other's keys. */
export function uniquePrefix(): string {
  return `authkit-test:${randomBytes(6).toString('hex')}:`;
}

export async function connectNodeRedis(url = REDIS_URL) {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export function connectIoRedis(url = REDIS_URL) {
  const client = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  return client;
}

/** Every key under `prefix` with its value (strings only: the coordinator stores nothing else). */
export async function readKeys(client: Awaited<ReturnType<typeof connectNodeRedis>>, prefix: string) {
  const entries = new Map<string, string | null>();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    for (const key of keys) entries.set(key, await client.get(key));
  }
  return entries;
}

export async function deleteKeys(client: Awaited<ReturnType<typeof connectNodeRedis>>, prefix: string) {
  const keys = [...(await readKeys(client, prefix)).keys()];
  if (keys.length > 0) await client.del(keys);
}

const user = {
  object: 'user',
  id: 'user_01TEST',
  email: 'ada@example.com',
  emailVerified: true,
  firstName: 'Ada',
  lastName: 'Lovelace',
  profilePictureUrl: null,
  lastSignInAt: null,
  locale: null,
  externalId: null,
  metadata: {},
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
} as unknown as User;

export function makeSession(): Session {
  return {
    accessToken: `at_${randomBytes(16).toString('hex')}`,
    refreshToken: `rt_${randomBytes(16).toString('hex')}`,
    user,
  };
}

export function makeContext(overrides: Partial<RefreshRunContext> = {}): RefreshRunContext {
  return {
    unsealSession: (sealed) => unsealSession(sealed, [PASSWORD]),
    replaySeconds: 10,
    timeoutSeconds: 2,
    ...overrides,
  };
}

/** A promise with its resolve and reject, for explicit barriers. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One upstream call of a held {@link createFakeRefresher}, waiting for the test's decision. */
export interface HeldCall {
  succeed(): void;
  fail(error: unknown): void;
}

/**
 * A fake upstream: each call "rotates" the session (new random tokens), seals it for real, and
 * counts. With `held`, every call waits until the test lets it go (`nextCall()` hands out the calls
 * in order, `releaseAll()` lets every current and later call through): the leader stays in its
 * refresh exactly as long as a test needs, without sleeping.
 */
export function createFakeRefresher(options: { held?: boolean } = {}) {
  const issued: Session[] = [];
  let holding = options.held ?? false;
  let failWith: unknown;
  const calls: HeldCall[] = [];
  const gates: (() => void)[] = [];
  const callWaiters: ((call: HeldCall) => void)[] = [];
  let handedOut = 0;
  return {
    get calls() {
      return calls.length;
    },
    issued,
    failNextWith(error: unknown) {
      failWith = error;
    },
    /** Resolves with the next call not handed out yet, once it has started. */
    nextCall(): Promise<HeldCall> {
      const index = handedOut++;
      const call = calls[index];
      if (call) return Promise.resolve(call);
      return new Promise((resolve) => {
        callWaiters[index] = resolve;
      });
    },
    /** Lets every waiting call succeed, and every later call run without waiting. */
    releaseAll() {
      holding = false;
      for (const open of gates) open();
    },
    refresh: async (): Promise<RefreshResult> => {
      const gate = deferred();
      gate.promise.catch(() => {});
      const call: HeldCall = { succeed: () => gate.resolve(), fail: (error) => gate.reject(error) };
      const index = calls.push(call) - 1;
      gates.push(() => gate.resolve());
      callWaiters[index]?.(call);
      if (holding) await gate.promise;
      if (failWith !== undefined) {
        const error = failWith;
        failWith = undefined;
        throw error;
      }
      const session = makeSession();
      issued.push(session);
      return {
        session,
        sealedSession: await sealSession(session, [PASSWORD]),
        nextKey: await refreshKey(session.refreshToken, undefined),
      };
    },
  };
}

type LockAttempt = 'result' | 'locked' | 'acquired';

/**
 * Records, across the clients it wraps, how Redis answered the coordinators' lock attempts
 * ('result' | 'locked' | 'acquired') and when their subscriptions became active, so a test can wait
 * for these events instead of sleeping. The wrapped clients pass every call through unchanged.
 */
export function createRedisEventLog() {
  const attempts: LockAttempt[] = [];
  let subscriptions = 0;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of waiters) waiter();
  };
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      if (condition()) return resolve();
      const waiter = () => {
        if (!condition()) return;
        waiters.delete(waiter);
        resolve();
      };
      waiters.add(waiter);
    });
  return {
    attempts,
    wrap(client: RedisCoordinatorClient): RedisCoordinatorClient {
      return {
        async eval(script, keys, args) {
          const reply = await client.eval(script, keys, args);
          const kind = Array.isArray(reply) ? reply[0] : undefined;
          if (kind === 'result' || kind === 'locked' || kind === 'acquired') {
            attempts.push(kind);
            changed();
          }
          return reply;
        },
        async subscribe(channel, listener, signal) {
          const close = await client.subscribe(channel, listener, signal);
          subscriptions += 1;
          changed();
          return close;
        },
      };
    },
    /** Resolves once `count` lock attempts have been answered in all; returns their answers. */
    async untilAttempts(count: number): Promise<LockAttempt[]> {
      await until(() => attempts.length >= count);
      return attempts.slice(0, count);
    },
    /** Resolves once `count` subscriptions are active. */
    untilSubscribed(count = 1): Promise<void> {
      return until(() => subscriptions >= count);
    },
  };
}
