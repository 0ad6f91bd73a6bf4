import { type CookieAttributes, serializeSetCookie } from './cookie-header.js';
import { sealData, unsealData } from './iron.js';
import type { ResolvedOptions } from './options.js';
import { randomBase64Url, sha256Base64Url, timingSafeEqual } from './web-crypto.js';

/** A sign-in that was started in this browser and waits for its callback. */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  /** Same-origin path to land on; `''` when the sign-in named none (the callback's default applies). */
  returnTo: string;
  /** The app's own OAuth `state` value, handed back to the callback's success hook. */
  customState?: string;
  redirectUri: string;
  expiresAt: number;
}

/**
 * All pending sign-ins of a browser live in one sealed cookie holding at most `signInMaxPending`
 * entries (newest first). One cookie per sign-in, as some kits do, grows headers until servers
 * answer 431.
 */
export function signInCookieName(options: ResolvedOptions): string {
  return `${options.cookieName}-sign-in`;
}

/** Attributes of the short-lived cookies that carry a sign-in in progress (pending sign-ins, organization choice). */
export function signInCookieAttributes(options: ResolvedOptions): CookieAttributes {
  // Lax: the callback is a top-level GET navigation coming back from WorkOS.
  return {
    path: '/',
    domain: options.cookieDomain,
    sameSite: 'lax',
    secure: options.cookieSecure,
    httpOnly: true,
    maxAgeSeconds: options.signInTtlSeconds,
  };
}

function isPendingSignIn(value: unknown): value is PendingSignIn {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.state === 'string' &&
    typeof entry.codeVerifier === 'string' &&
    typeof entry.returnTo === 'string' &&
    typeof entry.redirectUri === 'string' &&
    typeof entry.expiresAt === 'number' &&
    (entry.customState === undefined || typeof entry.customState === 'string')
  );
}

/** Reads the unexpired pending sign-ins; an unreadable cookie counts as none. */
export async function readPendingSignIns(
  cookieValue: string | undefined,
  options: ResolvedOptions,
  now: number,
): Promise<PendingSignIn[]> {
  if (!cookieValue || cookieValue.length > 16 * 1024) return [];
  try {
    const data = await unsealData(cookieValue, options.cookiePasswords);
    if (!Array.isArray(data)) return [];
    return data.filter(isPendingSignIn).filter((entry) => entry.expiresAt > now);
  } catch {
    return [];
  }
}

/** The `Set-Cookie` that stores these pending sign-ins, or clears the cookie when there are none. */
export async function serializePendingSignIns(
  entries: PendingSignIn[],
  options: ResolvedOptions,
): Promise<string> {
  const attributes = signInCookieAttributes(options);
  if (entries.length === 0)
    return serializeSetCookie(signInCookieName(options), '', { ...attributes, maxAgeSeconds: 0 });
  const sealed = await sealData(entries.slice(0, options.signInMaxPending), options.cookiePasswords);
  return serializeSetCookie(signInCookieName(options), sealed, attributes);
}

/** A new pending sign-in with a fresh OAuth state and PKCE (S256) pair. */
export async function createPendingSignIn(
  params: { returnTo: string; redirectUri: string; customState?: string | undefined },
  options: ResolvedOptions,
  now: number,
): Promise<{ entry: PendingSignIn; codeChallenge: string }> {
  const codeVerifier = randomBase64Url(32);
  const codeChallenge = await sha256Base64Url(codeVerifier);
  return {
    entry: {
      state: randomBase64Url(32),
      codeVerifier,
      returnTo: params.returnTo,
      redirectUri: params.redirectUri,
      expiresAt: now + options.signInTtlSeconds * 1000,
      ...(params.customState === undefined ? {} : { customState: params.customState }),
    },
    codeChallenge,
  };
}

/** Finds the pending sign-in of a callback's `state`, comparing in constant time. */
export function findPendingSignIn(
  entries: readonly PendingSignIn[],
  state: string,
): PendingSignIn | undefined {
  let match: PendingSignIn | undefined;
  // Compare against every entry so timing does not tell which position matched.
  for (const entry of entries) {
    if (timingSafeEqual(entry.state, state) && match === undefined) match = entry;
  }
  return match;
}
