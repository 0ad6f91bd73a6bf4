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

/**
 * A fake upstream: each call "rotates" the session (new random tokens), seals it for real, and
 * counts. `delayMs` makes the leader slow; `fail` makes the call throw.
 */
export function createFakeRefresher(options: { delayMs?: number } = {}) {
  const issued: Session[] = [];
  let calls = 0;
  let failWith: unknown;
  return {
    get calls() {
      return calls;
    },
    issued,
    failNextWith(error: unknown) {
      failWith = error;
    },
    refresh: async (): Promise<RefreshResult> => {
      calls += 1;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
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

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
