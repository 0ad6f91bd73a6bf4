import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { type Session, sealSession } from '@authkit-ssr/core';
import type { Emulator, IssuedSession } from '@authkit-ssr/emulator';
import { COOKIE_PASSWORD } from './bench-emulator.ts';

export function toSession(issued: IssuedSession): Session {
  return {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    user: issued.user as unknown as Session['user'],
  };
}

/** A real session from the emulator (its refresh token works once), and its cookie sealed by core. */
export async function issueCookie(
  emulator: Emulator,
  accessTokenTtlSeconds: number,
): Promise<{ session: Session; cookie: string }> {
  const session = toSession(emulator.issueSession({ accessTokenTtlSeconds }));
  return { session, cookie: await sealSession(session, [COOKIE_PASSWORD]) };
}

/**
 * Iron `Fe26.2` sealing with node:crypto, synchronous: the same bytes iron-webcrypto would produce
 * (PBKDF2-SHA1 with one iteration over a hex salt, AES-256-CBC, HMAC-SHA256, password id `1`,
 * suffix `~2`), at a fraction of the cost of Web Crypto's per-call overhead. Only used to make many
 * distinct valid cookies quickly; core and the anchor unseal them with iron-webcrypto as usual.
 */
export function sealCookieFast(data: unknown, password = COOKIE_PASSWORD): string {
  const encryptionSalt = randomBytes(32).toString('hex');
  const iv = randomBytes(16);
  const encryptionKey = pbkdf2Sync(password, encryptionSalt, 1, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', encryptionKey, iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  const macBase = `Fe26.2*1*${encryptionSalt}*${iv.toString('base64url')}*${encrypted.toString('base64url')}*`;
  const hmacSalt = randomBytes(32).toString('hex');
  const hmacKey = pbkdf2Sync(password, hmacSalt, 1, 32, 'sha1');
  const digest = createHmac('sha256', hmacKey).update(macBase).digest('base64url');
  return `${macBase}*${hmacSalt}*${digest}~2`;
}
