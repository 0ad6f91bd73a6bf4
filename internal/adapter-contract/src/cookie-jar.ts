/**
 * A minimal cookie jar for one origin: enough to follow a sign-in across requests. Applies
 * `Set-Cookie` headers in order (the last one for a name wins, `Max-Age=0` or a past `Expires`
 * deletes) and renders the `Cookie` request header.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies every `Set-Cookie` of a response. */
  apply(response: Response): this {
    for (const header of response.headers.getSetCookie()) this.applySetCookie(header);
    return this;
  }

  applySetCookie(header: string): void {
    const parsed = parseSetCookie(header);
    if (!parsed) return;
    if (parsed.deleted) this.#cookies.delete(parsed.name);
    else this.#cookies.set(parsed.name, parsed.value);
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  delete(name: string): void {
    this.#cookies.delete(name);
  }

  /** The `Cookie` header value, or `undefined` when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.#cookies) copy.set(name, value);
    return copy;
  }
}

/** One `Set-Cookie` header: its name and value, and whether it deletes the cookie. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  deleted: boolean;
}

export function parseSetCookie(header: string): ParsedSetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const separator = pair.indexOf('=');
  if (separator <= 0) return undefined;
  const name = pair.slice(0, separator).trim();
  const value = pair.slice(separator + 1).trim();
  let deleted = value === '';
  for (const attribute of attributes) {
    const [key = '', attributeValue = ''] = attribute.split('=').map((part) => part.trim());
    if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) deleted = true;
    if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) deleted = true;
  }
  return { name, value, deleted };
}

/** The `Set-Cookie` headers of a response for cookies whose name starts with `prefix`, parsed. */
export function sessionSetCookies(response: Response, cookieName: string): ParsedSetCookie[] {
  return response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .filter((cookie): cookie is ParsedSetCookie => !!cookie && isSessionCookieName(cookie.name, cookieName));
}

/** The session cookie itself or one of its chunks (`name.0`, `name.1`, …), not `name-sign-in`. */
export function isSessionCookieName(name: string, cookieName: string): boolean {
  return (
    name === cookieName ||
    new RegExp(`^${cookieName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+$`).test(name)
  );
}
