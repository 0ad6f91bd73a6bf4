import type { Impersonator, User } from '@workos-inc/node';
import { AuthKitError } from './errors.js';
import { sealData, unsealData } from './iron.js';

/** What the session cookie holds. `user` is the `User` that `@workos-inc/node` returns. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
  impersonator?: Impersonator | undefined;
}

/** Sealed values longer than this are refused before any crypto runs (a session needs a few KB). */
export const MAX_SEALED_LENGTH = 64 * 1024;

/**
 * Seals a session with the first password (iron `Fe26.2`, password id `1`, suffix `~2`: the
 * format of WorkOS's kits).
 * @param passwords the rotation list; the first one seals.
 */
export async function sealSession(session: Session, passwords: readonly string[]): Promise<string> {
  const { accessToken, refreshToken, user, impersonator } = session;
  return sealData(
    impersonator ? { accessToken, refreshToken, user, impersonator } : { accessToken, refreshToken, user },
    passwords,
  );
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const user = candidate.user as Record<string, unknown> | null | undefined;
  return (
    typeof candidate.accessToken === 'string' &&
    typeof candidate.refreshToken === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string'
  );
}

/**
 * Unseals a session with any password of the rotation list.
 *
 * @throws {AuthKitError} `cookie_unreadable` when the value is malformed, tampered, sealed with an
 * unknown password, or does not hold a session.
 */
export async function unsealSession(sealedValue: string, passwords: readonly string[]): Promise<Session> {
  if (sealedValue.length > MAX_SEALED_LENGTH) {
    throw new AuthKitError('cookie_unreadable', 'Session cookie is too large');
  }
  let data: unknown;
  try {
    data = await unsealData(sealedValue, passwords);
  } catch (cause) {
    throw new AuthKitError('cookie_unreadable', 'Session cookie could not be unsealed', { cause });
  }
  if (!isSession(data)) throw new AuthKitError('cookie_unreadable', 'Session cookie does not hold a session');
  return data;
}
