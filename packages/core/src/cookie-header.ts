/**
 * RFC 6265 cookie parsing and `Set-Cookie` serialization. Pure and total: any input string parses
 * without throwing.
 */

/** Cookie headers longer than this are not parsed further (browsers send at most a few KB per cookie). */
const MAX_COOKIE_HEADER_LENGTH = 256 * 1024;

/** Parses a `Cookie` header. The first occurrence of a name wins, as browsers send the most specific first. */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  const text = header.length > MAX_COOKIE_HEADER_LENGTH ? header.slice(0, MAX_COOKIE_HEADER_LENGTH) : header;
  for (const part of text.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    const name = part.slice(0, separator).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = part.slice(separator + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, safeDecode(value));
  }
  return cookies;
}

/**
 * A `Cookie` header from name/value pairs, values URI-encoded: what {@link parseCookieHeader} reads
 * back. For frameworks that hand out parsed cookies (SvelteKit's `cookies.getAll()`, Next.js's
 * `cookies()`) rather than the header.
 */
export function serializeCookieHeader(cookies: Iterable<{ name: string; value: string }>): string {
  const parts: string[] = [];
  for (const { name, value } of cookies) parts.push(`${name}=${encodeURIComponent(value)}`);
  return parts.join('; ');
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface CookieAttributes {
  maxAgeSeconds?: number;
  domain?: string | undefined;
  path?: string;
  sameSite?: 'lax' | 'strict' | 'none';
  secure?: boolean;
  httpOnly?: boolean;
}

// RFC 6265 cookie-octets without '%': a value that contains '%' is encoded, since readers decode it.
const RAW_COOKIE_VALUE = /^[\x21\x23\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** Iron seals only use cookie-safe characters, so values are written as is when they can be. */
function encodeCookieValue(value: string): string {
  return RAW_COOKIE_VALUE.test(value) ? value : encodeURIComponent(value);
}

/** Serializes one `Set-Cookie` value. */
export function serializeSetCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
  const parts = [`${name}=${encodeCookieValue(value)}`];
  parts.push(`Path=${attributes.path ?? '/'}`);
  if (attributes.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${Math.floor(attributes.maxAgeSeconds)}`);
    if (attributes.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  if (attributes.httpOnly !== false) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  const sameSite = attributes.sameSite ?? 'lax';
  parts.push(`SameSite=${sameSite[0]!.toUpperCase()}${sameSite.slice(1)}`);
  return parts.join('; ');
}

/** A `Set-Cookie` value read back: what a framework's own cookie API needs to write it again. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  /** Absent when the cookie has no `Max-Age` (a session cookie). */
  maxAgeSeconds?: number;
  path: string;
  domain: string | undefined;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'lax' | 'strict' | 'none' | undefined;
}

/** Parses a `Set-Cookie` value (core writes them; adapters hand them to the framework), or undefined when it has no name. */
export function parseSetCookie(setCookie: string): ParsedSetCookie | undefined {
  const [pair = '', ...parts] = setCookie.split(';');
  const separator = pair.indexOf('=');
  if (separator <= 0) return undefined;
  const attributes = new Map<string, string>();
  for (const part of parts) {
    const equals = part.indexOf('=');
    const key = (equals < 0 ? part : part.slice(0, equals)).trim().toLowerCase();
    attributes.set(key, equals < 0 ? '' : part.slice(equals + 1).trim());
  }
  const sameSite = attributes.get('samesite')?.toLowerCase();
  const maxAge = attributes.get('max-age');
  return {
    name: pair.slice(0, separator).trim(),
    value: safeDecode(pair.slice(separator + 1).trim()),
    ...(maxAge === undefined ? {} : { maxAgeSeconds: Number(maxAge) }),
    path: attributes.get('path') || '/',
    domain: attributes.get('domain') || undefined,
    secure: attributes.has('secure'),
    httpOnly: attributes.has('httponly'),
    sameSite: sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none' ? sameSite : undefined,
  };
}

/**
 * Applies `Set-Cookie` values to a `Cookie` request header, so that the rest of the same request
 * (Next.js server components, a forwarded request) sees what the response is about to set.
 * Deleted cookies (Max-Age ≤ 0) are removed; values are written back percent-encoded where needed.
 */
export function applySetCookiesToCookieHeader(
  cookieHeader: string | null | undefined,
  setCookies: readonly string[],
): string {
  const cookies = parseCookieHeader(cookieHeader);
  for (const setCookie of setCookies) {
    const parsed = parseSetCookie(setCookie);
    if (!parsed) continue;
    if (parsed.maxAgeSeconds !== undefined && parsed.maxAgeSeconds <= 0) cookies.delete(parsed.name);
    else cookies.set(parsed.name, parsed.value);
  }
  return [...cookies].map(([name, value]) => `${name}=${encodeCookieValue(value)}`).join('; ');
}
