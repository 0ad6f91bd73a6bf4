import {
  createDecipheriv,
  createHmac,
  createPublicKey,
  type KeyObject,
  pbkdf2Sync,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { AuthKitCore, type AuthKitOptions, isAuthKitError, type Session } from '@authkit-ssr/core';
import type { Emulator } from '@authkit-ssr/emulator';
import { CookieSessionStorage, configure, createAuthService } from '@workos/authkit-session';
import { unseal } from 'iron-webcrypto';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { COOKIE_NAME, COOKIE_PASSWORD, clearWorkOSEnvironment, REDIRECT_URI } from './bench-emulator.ts';

/** What a benchmark hands every contender: the request's headers, as a framework would. */
export interface BenchRequest {
  headers: Headers;
}

/** What a benchmark reads back from every contender. */
export interface Outcome {
  signedIn: boolean;
  /** `Set-Cookie` values the response would carry. */
  setCookies: string[];
  /** Ours only: `led`, `joined` or `replayed` when the session was refreshed. */
  refresh?: string;
  /** The error code when the call threw (ours: `AuthKitError.code`). */
  errorCode?: string;
}

export type Contender = (request: BenchRequest) => Promise<Outcome>;

export function benchRequest(cookieValue: string): BenchRequest {
  return { headers: new Headers({ cookie: `${COOKIE_NAME}=${cookieValue}` }) };
}

/** What a contender needs to reach the emulator (also across a process boundary). */
export type Upstream = Pick<Emulator, 'clientId' | 'apiKey' | 'port' | 'jwksUrl'>;

export function upstreamOf(emulator: Emulator): Upstream {
  return {
    clientId: emulator.clientId,
    apiKey: emulator.apiKey,
    port: emulator.port,
    jwksUrl: emulator.jwksUrl,
  };
}

/** Ours: `@authkit-ssr/core` the way an adapter uses it. */
export function createOurs(emulator: Upstream, options: Partial<AuthKitOptions> = {}) {
  const core = new AuthKitCore({
    clientId: emulator.clientId,
    apiKey: emulator.apiKey,
    redirectUri: REDIRECT_URI,
    cookiePassword: COOKIE_PASSWORD,
    apiHostname: '127.0.0.1',
    apiHttps: false,
    apiPort: emulator.port,
    ...options,
  });
  const authenticate: Contender = async (request) => {
    try {
      const result = await core.authenticate(request);
      return {
        signedIn: result.auth !== null,
        setCookies: result.setCookies,
        ...(result.refresh ? { refresh: result.refresh } : {}),
      };
    } catch (error) {
      return {
        signedIn: false,
        setCookies: [],
        errorCode: isAuthKitError(error) ? error.code : String(error),
      };
    }
  };
  return { core, authenticate };
}

/** The cookie reader of the anchor's README ("2. Create Storage Adapter"), over a request's headers. */
class RequestCookieStorage extends CookieSessionStorage<BenchRequest, Response> {
  async getCookie(request: BenchRequest, name: string): Promise<string | null> {
    const header = request.headers.get('cookie');
    if (!header) return null;
    for (const part of header.split(';')) {
      const [k, ...rest] = part.trim().split('=');
      if (k === name) return decodeURIComponent(rest.join('='));
    }
    return null;
  }
}

let anchorConfigured = false;

/**
 * The anchor: `@workos/authkit-session` driven the way its README says (`configure`,
 * `createAuthService` with a storage adapter, `withAuth`, then `saveSession` when it refreshed).
 * Its configuration and WorkOS client are process-wide, so one anchor per process.
 */
export function createAnchor(emulator: Upstream) {
  if (anchorConfigured)
    throw new Error('The anchor keeps its configuration in module state: one per process.');
  anchorConfigured = true;
  clearWorkOSEnvironment();
  configure({
    clientId: emulator.clientId,
    apiKey: emulator.apiKey,
    redirectUri: REDIRECT_URI,
    cookiePassword: COOKIE_PASSWORD,
    apiHostname: '127.0.0.1',
    apiHttps: false,
    apiPort: emulator.port,
  });
  const service = createAuthService<BenchRequest, Response>({
    sessionStorageFactory: (config) => new RequestCookieStorage(config),
  });
  const authenticate: Contender = async (request) => {
    try {
      const { auth, refreshedSessionData } = await service.withAuth(request);
      const setCookies: string[] = [];
      if (refreshedSessionData) {
        const { headers } = await service.saveSession(undefined, refreshedSessionData);
        const setCookie = headers?.['Set-Cookie'];
        if (setCookie) setCookies.push(...(Array.isArray(setCookie) ? setCookie : [setCookie]));
      }
      return { signedIn: auth.user !== null, setCookies };
    } catch (error) {
      return { signedIn: false, setCookies: [], errorCode: String(error) };
    }
  };
  return { service, authenticate };
}

// The iron parameters of packages/core/src/iron.ts (and of iron-session, which WorkOS's kits use).
const IRON_OPTIONS = {
  encryption: { saltBits: 256, algorithm: 'aes-256-cbc', iterations: 1, minPasswordlength: 32 },
  integrity: { saltBits: 256, algorithm: 'sha256', iterations: 1, minPasswordlength: 32 },
  ttl: 0,
  timestampSkewSec: 60,
  localtimeOffsetMsec: 0,
} as const;

const COOKIE_PREFIX = `${COOKIE_NAME}=`;

/**
 * What WorkOS's kits build on for a new cookie: a raw iron-webcrypto unseal plus jose `jwtVerify`
 * against a key set that is already in memory. No cookie parsing beyond a prefix cut, no cache,
 * no claims handling.
 */
export async function createIronJoseContender(emulator: Upstream): Promise<Contender> {
  const response = await fetch(emulator.jwksUrl);
  const jwks = createLocalJWKSet((await response.json()) as JSONWebKeySet);
  return async (request) => {
    const header = request.headers.get('cookie') ?? '';
    const sealed = header.slice(COOKIE_PREFIX.length);
    const separator = sealed.lastIndexOf('~');
    const session = (await unseal(sealed.slice(0, separator), COOKIE_PASSWORD, IRON_OPTIONS)) as Session;
    await jwtVerify(session.accessToken, jwks, { algorithms: ['RS256'] });
    return { signedIn: true, setCookies: [] };
  };
}

/** The floor of a cookie seen before: one `Map` lookup keyed by the cookie header. */
export function createMapFloor(entries: Iterable<[string, Session]>): Contender {
  const map = new Map<string, Session>();
  for (const [cookieValue, session] of entries) map.set(`${COOKIE_PREFIX}${cookieValue}`, session);
  return async (request) => ({
    signedIn: map.get(request.headers.get('cookie') ?? '') !== undefined,
    setCookies: [],
  });
}

/**
 * The floor of a new cookie: exactly the cryptographic work, on `node:crypto`, with nothing
 * around it. PBKDF2-SHA1 (1 iteration) twice, the HMAC-SHA256 check, AES-256-CBC, JSON, and the
 * RS256 check of the access token with a key imported beforehand. No claims, no cache.
 */
export async function createNodeCryptoFloor(emulator: Upstream): Promise<Contender> {
  const response = await fetch(emulator.jwksUrl);
  const keys = new Map<string, KeyObject>();
  for (const jwk of ((await response.json()) as JSONWebKeySet).keys) {
    keys.set(jwk.kid!, createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }));
  }
  return async (request) => {
    const header = request.headers.get('cookie') ?? '';
    const sealed = header.slice(COOKIE_PREFIX.length, header.lastIndexOf('~'));
    const [prefix, id, encryptionSalt, iv, ciphertext, expiration, hmacSalt, hmac] = sealed.split(
      '*',
    ) as string[];
    const macKey = pbkdf2Sync(COOKIE_PASSWORD, hmacSalt!, 1, 32, 'sha1');
    const expected = createHmac('sha256', macKey)
      .update(`${prefix}*${id}*${encryptionSalt}*${iv}*${ciphertext}*${expiration}`)
      .digest();
    if (!timingSafeEqual(expected, Buffer.from(hmac!, 'base64url'))) throw new Error('Bad hmac value');
    const aesKey = pbkdf2Sync(COOKIE_PASSWORD, encryptionSalt!, 1, 32, 'sha1');
    const decipher = createDecipheriv('aes-256-cbc', aesKey, Buffer.from(iv!, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(ciphertext!, 'base64url')), decipher.final()]);
    const session = JSON.parse(json.toString('utf8')) as Session;
    const [encodedHeader, encodedPayload, signature] = session.accessToken.split('.') as string[];
    const { kid } = JSON.parse(Buffer.from(encodedHeader!, 'base64url').toString('utf8')) as { kid: string };
    const ok = verify(
      'sha256',
      Buffer.from(`${encodedHeader}.${encodedPayload}`),
      keys.get(kid)!,
      Buffer.from(signature!, 'base64url'),
    );
    if (!ok) throw new Error('Bad signature');
    JSON.parse(Buffer.from(encodedPayload!, 'base64url').toString('utf8'));
    return { signedIn: true, setCookies: [] };
  };
}
