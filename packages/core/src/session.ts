import type { Impersonator, User } from '@workos-inc/node';
import { seal, unseal } from 'iron-webcrypto';
import { AuthKitError } from './errors.js';

/** What the session cookie holds. `user` is the `User` that `@workos-inc/node` returns. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
  impersonator?: Impersonator | undefined;
}

// The iron parameters and the `~2` suffix of iron-session, which WorkOS's kits use: cookies stay
// readable in both directions, so an app can migrate without signing anyone out.
const IRON_OPTIONS = {
  encryption: { saltBits: 256, algorithm: 'aes-256-cbc', iterations: 1, minPasswordlength: 32 },
  integrity: { saltBits: 256, algorithm: 'sha256', iterations: 1, minPasswordlength: 32 },
  ttl: 0,
  timestampSkewSec: 60,
  localtimeOffsetMsec: 0,
} as const;
const SEAL_VERSION_SUFFIX = '~2';
// WorkOS's kits seal with password id "1" and unseal only that id.
const SEAL_PASSWORD_ID = '1';
/** Sealed values longer than this are refused before any crypto runs (a session needs a few KB). */
export const MAX_SEALED_LENGTH = 64 * 1024;

/**
 * Seals a session with the first password (iron `Fe26.2`, password id `1`, suffix `~2`).
 * @param passwords the rotation list; the first one seals.
 */
export async function sealSession(session: Session, passwords: readonly string[]): Promise<string> {
  const [current] = passwords;
  if (!current) throw new AuthKitError('configuration_invalid', 'No cookie password to seal with');
  const sealed = await seal(session, { id: SEAL_PASSWORD_ID, secret: current }, IRON_OPTIONS);
  return `${sealed}${SEAL_VERSION_SUFFIX}`;
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
  const separator = sealedValue.lastIndexOf('~');
  const body = separator === -1 ? sealedValue : sealedValue.slice(0, separator);
  let lastError: unknown;
  for (const password of passwords) {
    try {
      // A plain string password ignores the password id, so cookies sealed under any id unseal.
      const data: unknown = await unseal(body, password, IRON_OPTIONS);
      if (!isSession(data)) throw new Error('Sealed value does not hold a session');
      return data;
    } catch (error) {
      lastError = error;
      if (!(error instanceof Error) || error.message !== 'Bad hmac value') break;
    }
  }
  throw new AuthKitError('cookie_unreadable', 'Session cookie could not be unsealed', { cause: lastError });
}
