import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { User } from '@workos-inc/node';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import {
  type AuthKitOptions,
  type Session,
  type WorkOSApi,
  type WorkOSAuthentication,
  WorkOSRequestError,
} from '../src/index.ts';

/**
 * A narrow, in-memory implementation of core's WorkOS port with strict single-use refresh tokens,
 * plus a real JWKS served over loopback HTTP so verification runs jose end to end.
 * Integration tests use the emulator instead; this one is for fast, controlled unit tests.
 */
export interface FakeWorkOS {
  api: WorkOSApi;
  jwksUrl: string;
  /** Calls made through the port, by method. */
  calls: { refresh: number; code: number; jwks: number };
  /** Organization ids passed to each refresh call, in order. */
  refreshOrganizations: Array<string | undefined>;
  /** Applied to the next refresh calls. */
  behaviour: { fail?: (() => WorkOSRequestError) | undefined; failTimes: number };
  /** Resolves once `count` refresh calls have reached the fake (a barrier: the upstream call is in progress). */
  refreshCallsReached(count: number): Promise<void>;
  /**
   * Holds every refresh call (counted on arrival) until `release()`, as a slow WorkOS would:
   * the barrier that lets a test act while a refresh is in flight.
   */
  holdRefreshes(): { release(): void };
  issueSession(params?: {
    organizationId?: string;
    expired?: boolean;
    ttlSeconds?: number;
    user?: Partial<User>;
  }): Promise<Session>;
  signAccessToken(
    claims: Record<string, unknown>,
    /** `issuer: null` signs a token without `iss`. */
    options?: { expiresInSeconds?: number; kid?: string; issuer?: string | null },
  ): Promise<string>;
  rotateKey(): Promise<void>;
  /** Plays the hosted sign-in for an authorization URL: returns the callback URL with `code` and `state`. */
  authorize(authorizationUrl: string, params?: { organizationId?: string }): Promise<string>;
  setJwksAvailable(available: boolean): void;
  /** Replaces the profile WorkOS returns for this user on its next refreshes. */
  setUser(user: User): void;
  options(overrides?: Partial<AuthKitOptions>): AuthKitOptions;
  close(): Promise<void>;
}

export const COOKIE_PASSWORD = 'a-test-cookie-password-of-at-least-32-chars';
export const MEMBERSHIPS = ['org_alpha', 'org_beta'];

interface RefreshRecord {
  userId: string;
  sessionId: string;
  organizationId: string | undefined;
  used: boolean;
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    object: 'user',
    id: 'user_ada',
    email: 'ada@example.com',
    emailVerified: true,
    firstName: 'Ada',
    lastName: 'Lovelace',
    name: 'Ada Lovelace',
    profilePictureUrl: null,
    lastSignInAt: null,
    locale: null,
    externalId: null,
    metadata: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  } as User;
}

export async function createFakeWorkOS(
  config: {
    accessTokenTtlSeconds?: number;
    issuer?: string;
    /** The clock tokens are issued by, in ms (pass the core's `now` to move both together). Default `Date.now`. */
    now?: () => number;
  } = {},
): Promise<FakeWorkOS> {
  const ttl = config.accessTokenTtlSeconds ?? 300;
  const clock = config.now ?? (() => Date.now());
  const keys: Array<{ kid: string; privateKey: CryptoKey; publicJwk: JWK }> = [];
  const addKey = async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `sso_oidc_key_pair_${keys.length + 1}`;
    keys.unshift({
      kid,
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    });
  };
  await addKey();

  let jwksAvailable = true;
  const calls = { refresh: 0, code: 0, jwks: 0 };
  const server: Server = createServer((_request, response) => {
    calls.jwks++;
    if (!jwksAvailable) {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso/jwks/client_test`;

  const refreshTokens = new Map<string, RefreshRecord>();
  const codes = new Map<string, { challenge: string; session: Session }>();
  const users = new Map<string, User>();
  let counter = 0;
  const refreshOrganizations: Array<string | undefined> = [];
  const behaviour: FakeWorkOS['behaviour'] = { failTimes: Number.POSITIVE_INFINITY };
  const arrivalWaiters: Array<{ count: number; resolve: () => void }> = [];
  let hold: Promise<void> | undefined;

  const signAccessToken: FakeWorkOS['signAccessToken'] = async (claims, options = {}) => {
    const key = keys[0]!;
    const now = Math.floor(clock() / 1000);
    const expiresIn = options.expiresInSeconds ?? ttl;
    const issuer =
      options.issuer === undefined
        ? (config.issuer ?? 'https://api.workos.com/user_management/client_test')
        : options.issuer;
    const token = new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuedAt(Math.min(now, now + expiresIn - 1))
      .setExpirationTime(now + expiresIn);
    return (issuer === null ? token : token.setIssuer(issuer)).sign(key.privateKey);
  };

  const mint = async (
    record: Omit<RefreshRecord, 'used'>,
    expiresInSeconds = ttl,
  ): Promise<WorkOSAuthentication> => {
    counter++;
    const refreshToken = `rt_${counter}_${crypto.randomUUID()}`;
    refreshTokens.set(refreshToken, { ...record, used: false });
    const orgClaims = record.organizationId
      ? { org_id: record.organizationId, role: 'member', roles: ['member'], permissions: ['posts:read'] }
      : {};
    const accessToken = await signAccessToken(
      { sub: record.userId, sid: record.sessionId, jti: `jti_${counter}`, ...orgClaims },
      { expiresInSeconds },
    );
    return {
      accessToken,
      refreshToken,
      user: users.get(record.userId) ?? makeUser({ id: record.userId }),
      organizationId: record.organizationId,
    };
  };

  const api: WorkOSApi = {
    async authenticateWithRefreshToken({ refreshToken, organizationId }) {
      calls.refresh++;
      refreshOrganizations.push(organizationId);
      for (const waiter of arrivalWaiters.filter((candidate) => candidate.count <= calls.refresh)) {
        arrivalWaiters.splice(arrivalWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (hold) await hold;
      if (behaviour.fail && behaviour.failTimes > 0) {
        behaviour.failTimes--;
        throw behaviour.fail();
      }
      const record = refreshTokens.get(refreshToken);
      if (!record || record.used) {
        throw new WorkOSRequestError('invalid_grant', { status: 400, errorCode: 'invalid_grant' });
      }
      if (organizationId !== undefined && !MEMBERSHIPS.includes(organizationId)) {
        throw new WorkOSRequestError('membership', {
          status: 400,
          errorCode: 'organization_membership_not_found',
        });
      }
      record.used = true;
      // As WorkOS: a refresh that names no organization gets a token without one.
      return mint({ userId: record.userId, sessionId: record.sessionId, organizationId });
    },
    async authenticateWithCode({ code, codeVerifier }) {
      calls.code++;
      const entry = codes.get(code);
      codes.delete(code);
      const digest = new Uint8Array(
        await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier)),
      );
      const challenge = Buffer.from(digest).toString('base64url');
      if (!entry || entry.challenge !== challenge) {
        throw new WorkOSRequestError('invalid_grant', { status: 400, errorCode: 'invalid_grant' });
      }
      return { ...entry.session };
    },
    getAuthorizationUrl(params) {
      const url = new URL('https://fake.workos.test/user_management/authorize');
      url.searchParams.set('redirect_uri', params.redirectUri);
      url.searchParams.set('state', params.state);
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      if (params.screenHint) url.searchParams.set('screen_hint', params.screenHint);
      if (params.loginHint) url.searchParams.set('login_hint', params.loginHint);
      if (params.organizationId) url.searchParams.set('organization_id', params.organizationId);
      if (params.prompt) url.searchParams.set('prompt', params.prompt);
      if (params.maxAgeSeconds !== undefined) url.searchParams.set('max_age', String(params.maxAgeSeconds));
      if (params.domainHint) url.searchParams.set('domain_hint', params.domainHint);
      return url.toString();
    },
    getLogoutUrl({ sessionId, returnTo }) {
      const url = new URL('https://fake.workos.test/user_management/sessions/logout');
      url.searchParams.set('session_id', sessionId);
      if (returnTo) url.searchParams.set('return_to', returnTo);
      return url.toString();
    },
    getJwksUrl() {
      return jwksUrl;
    },
  };

  return {
    api,
    jwksUrl,
    calls,
    refreshOrganizations,
    behaviour,
    refreshCallsReached(count) {
      if (calls.refresh >= count) return Promise.resolve();
      return new Promise<void>((resolve) => arrivalWaiters.push({ count, resolve }));
    },
    holdRefreshes() {
      let release!: () => void;
      hold = new Promise<void>((resolve) => {
        release = resolve;
      });
      const current = hold;
      return {
        release() {
          if (hold === current) hold = undefined;
          release();
        },
      };
    },
    async issueSession(params = {}) {
      const user = makeUser(params.user);
      users.set(user.id, user);
      counter++;
      const expiresIn = params.expired ? -60 : (params.ttlSeconds ?? ttl);
      const authentication = await mint(
        { userId: user.id, sessionId: `session_${counter}`, organizationId: params.organizationId },
        expiresIn,
      );
      return { accessToken: authentication.accessToken, refreshToken: authentication.refreshToken, user };
    },
    signAccessToken,
    async rotateKey() {
      await addKey();
    },
    async authorize(authorizationUrl, params = {}) {
      const url = new URL(authorizationUrl);
      const user = makeUser();
      users.set(user.id, user);
      counter++;
      const authentication = await mint({
        userId: user.id,
        sessionId: `session_${counter}`,
        organizationId: params.organizationId,
      });
      const code = `code_${counter}`;
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        session: { accessToken: authentication.accessToken, refreshToken: authentication.refreshToken, user },
      });
      const callback = new URL(url.searchParams.get('redirect_uri') ?? '');
      callback.searchParams.set('code', code);
      callback.searchParams.set('state', url.searchParams.get('state') ?? '');
      return callback.toString();
    },
    setJwksAvailable(available) {
      jwksAvailable = available;
    },
    setUser(user) {
      users.set(user.id, user);
    },
    options(overrides = {}) {
      return {
        clientId: 'client_test',
        apiKey: 'sk_test_fake',
        redirectUri: 'http://localhost:3000/callback',
        cookiePassword: COOKIE_PASSWORD,
        workosApi: api,
        ...overrides,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function requestWithCookies(
  cookieHeader: string,
  url = 'http://localhost:3000/account',
  init: RequestInit = {},
): Request {
  return new Request(url, { ...init, headers: { cookie: cookieHeader } });
}

/** `name=value` pairs of the cookies a response sets (cleared ones excluded), ready for a Cookie header. */
export function cookieHeaderFrom(setCookies: readonly string[]): string {
  return setCookies
    .filter((cookie) => !/Max-Age=0/i.test(cookie))
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
