import { type CookieAttributes, serializeSetCookie } from './cookie-header.js';
import type { ResolvedOptions } from './options.js';

/**
 * Browsers keep about 4096 bytes per cookie, name and attributes included. A session larger than
 * one chunk is written as `<name>.0`, `<name>.1`, … and put back together on read.
 */
export const MAX_COOKIE_CHUNK_LENGTH = 3800;
/** More chunks than this are refused: no real session is that large, and headers would overflow. */
const MAX_CHUNKS = 16;

function chunkName(cookieName: string, index: number): string {
  return `${cookieName}.${index}`;
}

export function sessionCookieAttributes(options: ResolvedOptions): CookieAttributes {
  return {
    path: '/',
    domain: options.cookieDomain,
    sameSite: options.cookieSameSite,
    secure: options.cookieSecure,
    httpOnly: true,
    maxAgeSeconds: options.cookieMaxAgeSeconds,
  };
}

/** Reads the sealed session from parsed request cookies: the plain cookie, else its chunks in order. */
export function readSessionCookie(
  cookies: ReadonlyMap<string, string>,
  cookieName: string,
): string | undefined {
  const whole = cookies.get(cookieName);
  if (whole) return whole;
  const parts: string[] = [];
  for (let index = 0; index < MAX_CHUNKS; index++) {
    const part = cookies.get(chunkName(cookieName, index));
    if (part === undefined) break;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join('') : undefined;
}

/** Names of the session cookies (plain and chunks) present in a request. */
export function presentSessionCookieNames(
  cookies: ReadonlyMap<string, string>,
  cookieName: string,
): string[] {
  const prefix = `${cookieName}.`;
  return [...cookies.keys()].filter(
    (name) => name === cookieName || (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))),
  );
}

/**
 * `Set-Cookie` values that store `sealed` and clear every stale cookie of the request
 * (chunks the new value no longer needs, or the plain cookie when it moves to chunks).
 */
export function serializeSessionCookies(
  sealed: string,
  options: ResolvedOptions,
  presentNames: readonly string[] = [],
): string[] {
  const attributes = sessionCookieAttributes(options);
  const written: Array<[string, string]> =
    sealed.length <= MAX_COOKIE_CHUNK_LENGTH
      ? [[options.cookieName, sealed]]
      : Array.from({ length: Math.ceil(sealed.length / MAX_COOKIE_CHUNK_LENGTH) }, (_, index) => [
          chunkName(options.cookieName, index),
          sealed.slice(index * MAX_COOKIE_CHUNK_LENGTH, (index + 1) * MAX_COOKIE_CHUNK_LENGTH),
        ]);
  const writtenNames = new Set(written.map(([name]) => name));
  const setCookies = written.map(([name, value]) => serializeSetCookie(name, value, attributes));
  for (const name of presentNames) {
    if (!writtenNames.has(name))
      setCookies.push(serializeSetCookie(name, '', { ...attributes, maxAgeSeconds: 0 }));
  }
  return setCookies;
}

/** `Set-Cookie` values that delete the session cookie and any chunk of it the request carried. */
export function serializeClearedSessionCookies(
  options: ResolvedOptions,
  presentNames: readonly string[] = [],
): string[] {
  const attributes = { ...sessionCookieAttributes(options), maxAgeSeconds: 0 };
  const names = new Set([options.cookieName, ...presentNames]);
  return [...names].map((name) => serializeSetCookie(name, '', attributes));
}
