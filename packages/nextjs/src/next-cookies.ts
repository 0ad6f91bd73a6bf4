import { applySetCookiesToCookieHeader, parseSetCookie } from '@authkit-ssr/core';
import { cookies, headers } from 'next/headers';

type CookieStore = Awaited<ReturnType<typeof cookies>>;
type CookieOptions = Parameters<CookieStore['set']>[0] & object;

/** Turns a `Set-Cookie` value from core into the options of `cookies().set()`. */
export function toCookieOptions(setCookie: string): CookieOptions | undefined {
  const parsed = parseSetCookie(setCookie);
  if (!parsed) return undefined;
  const options: CookieOptions = {
    name: parsed.name,
    value: parsed.value,
    path: parsed.path,
    httpOnly: parsed.httpOnly,
    secure: parsed.secure,
    ...(parsed.domain ? { domain: parsed.domain } : {}),
    ...(parsed.sameSite ? { sameSite: parsed.sameSite } : {}),
    ...(parsed.maxAgeSeconds === undefined ? {} : { maxAge: parsed.maxAgeSeconds }),
  };
  return options;
}

// The Set-Cookie values this request wrote through cookies(), per request (Next.js hands every
// caller of one request the same cookie store).
const written = new WeakMap<CookieStore, string[]>();

/**
 * Writes core's `Set-Cookie` values through `cookies()`, in order. Only Server Actions and Route
 * Handlers may do this; Next.js refuses it while a server component renders.
 */
export async function writeCookies(setCookies: readonly string[]): Promise<void> {
  const store = await cookies();
  for (const setCookie of setCookies) {
    const options = toCookieOptions(setCookie);
    if (options) store.set(options);
  }
  written.set(store, [...(written.get(store) ?? []), ...setCookies]);
}

/**
 * The request's `cookie` header as core reads it (first of two same-named cookies wins, as in the
 * proxy), plus what this request wrote since (a Server Action's re-render sees its organization
 * switch). Never `cookies().get()`: Next.js keeps the last of two same-named cookies.
 */
export async function readCookieHeader(): Promise<string> {
  const raw = (await headers()).get('cookie');
  const ownWrites = written.get(await cookies()) ?? [];
  return (ownWrites.length > 0 ? applySetCookiesToCookieHeader(raw, ownWrites) : raw) ?? '';
}
