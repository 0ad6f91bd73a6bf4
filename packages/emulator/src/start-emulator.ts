import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest } from './control-api.js';
import { createId } from './create-id.js';
import type { EmulatorContext } from './emulator-context.js';
import { EmulatorState, type Impersonator } from './emulator-state.js';
import { FaultList, type FaultSpec } from './faults.js';
import { type IssueAccessTokenOptions, issueAccessToken } from './issue-access-token.js';
import { checkSettings, DEFAULTS, type EmulatorOptions, type EmulatorSettings } from './options.js';
import { createRequestListener } from './request-listener.js';
import { loadSeed } from './seed.js';
import { type AccessTokenClaims, type AuthenticateResponseBody, createSession } from './session-tokens.js';
import { SigningKeyRing, type SigningKeySource } from './signing-keys.js';
import { createStats, type EmulatorStats } from './stats.js';
import { type EmulatorUser, toEmulatorUser } from './wire-format.js';

/** Options of {@link Emulator.issueSession}. */
export interface IssueSessionOptions {
  /** The user's id or email. Default: the first seeded user. */
  userId?: string;
  /** Organization to scope the session to; `null` for none. Default: the user's first active membership. */
  organizationId?: string | null;
  /** Lifetime of the first access token, in seconds; negative for an already expired token. Default: the emulator's. */
  accessTokenTtlSeconds?: number;
  /** Makes it an impersonation session (`act` claim, `impersonator` field). Default: the seed's impersonation for the user, if any. */
  impersonator?: { email: string; reason?: string | null };
}

/**
 * A session issued from code, shaped like `@workos-inc/node`'s `AuthenticationResponse`
 * (what `authenticateWithCode` returns), plus its `sessionId`.
 */
export interface IssuedSession {
  user: EmulatorUser;
  organizationId?: string;
  accessToken: string;
  refreshToken: string;
  authenticationMethod: string;
  impersonator?: Impersonator;
  sessionId: string;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly apiKey: string;
  /** The `iss` claim of its access tokens. */
  readonly issuer: string;
  /** `${url}/sso/jwks/${clientId}`. */
  readonly jwksUrl: string;
  /** A snapshot of the counters. */
  stats(): EmulatorStats;
  /** Zeroes the counters and removes every fault; users, sessions and keys stay. */
  reset(): void;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
  /** Adds a fault; see {@link FaultSpec}. @throws TypeError for an invalid spec. */
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** The active faults, with the `times` they have left. */
  listFaults(): FaultSpec[];
  /**
   * Signs new tokens with a fresh key and returns its `kid`. The old key stays in the JWKS
   * (so tokens it signed still verify) unless `retainPrevious` is false.
   */
  rotateSigningKey(options?: { retainPrevious?: boolean }): Promise<string>;
  /**
   * Starts a session without the browser flow, exactly as a code exchange would: the tokens
   * are real, the refresh token can be exchanged, logout ends it.
   * @throws TypeError for an unknown user or an organization the user is not an active member of.
   */
  issueSession(options?: IssueSessionOptions): IssuedSession;
  /**
   * Signs an arbitrary access token with the active key: defaults (`iss`, `sub` = first user,
   * `jti`, `iat`, `exp` = now + TTL or `expiresInSeconds`) overridden by `claims`.
   */
  signAccessToken(claims?: Partial<AccessTokenClaims>, options?: { expiresInSeconds?: number }): string;
  /**
   * Signs an access token for an existing session, as its next refresh would (`sid`,
   * organization claims), e.g. an already expired one with `expiresInSeconds: -60`.
   * @throws TypeError for an unknown session or an organization the user is not an active member of.
   */
  issueAccessToken(options: IssueAccessTokenOptions): string;
  /** The emulator's clock in milliseconds: the `now` option plus `clockOffsetSeconds`. */
  now(): number;
  /** Changes runtime settings and returns all of them. @throws TypeError for an invalid value. */
  configure(settings: Partial<EmulatorSettings>): EmulatorSettings;
}

/**
 * Starts a WorkOS User Management emulator that `@workos-inc/node` can talk to unchanged:
 * `new WorkOS(emulator.apiKey, { apiHostname: '127.0.0.1', https: false, port: emulator.port, clientId: emulator.clientId })`.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ autoLogin: true });
 * try {
 *   const session = emulator.issueSession({ userId: 'ada@example.com' });
 * } finally {
 *   await emulator.stop();
 * }
 * ```
 * @throws TypeError for an invalid seed or signing key; the listen error (e.g. `EADDRINUSE`).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clientId = options.clientId ?? DEFAULTS.clientId;
  const apiKey = options.apiKey ?? DEFAULTS.apiKey;
  const settings: EmulatorSettings = {
    accessTokenTtlSeconds: DEFAULTS.accessTokenTtlSeconds,
    refreshReuseGraceSeconds: DEFAULTS.refreshReuseGraceSeconds,
    autoLogin: DEFAULTS.autoLogin,
    clockOffsetSeconds: DEFAULTS.clockOffsetSeconds,
    organizationSelection: DEFAULTS.organizationSelection,
    ...checkSettings({
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      refreshReuseGraceSeconds: options.refreshReuseGraceSeconds,
      autoLogin: options.autoLogin,
      clockOffsetSeconds: options.clockOffsetSeconds,
      organizationSelection: options.organizationSelection,
    } as Partial<EmulatorSettings>),
  };
  const clock = options.now ?? Date.now;
  const ctx: EmulatorContext = {
    state: new EmulatorState(loadSeed(options.seed)),
    keys: SigningKeyRing.fromSource(toKeySource(options)),
    settings,
    faults: new FaultList(),
    stats: createStats(),
    clientId,
    apiKey,
    authorizationCodeTtlSeconds: options.authorizationCodeTtlSeconds ?? DEFAULTS.authorizationCodeTtlSeconds,
    pendingAuthenticationTtlSeconds:
      options.pendingAuthenticationTtlSeconds ?? DEFAULTS.pendingAuthenticationTtlSeconds,
    url: '',
    issuer: '',
    now: () => clock() + settings.clockOffsetSeconds * 1000,
  };

  const stopping = new AbortController();
  let emulator: Emulator | undefined;
  const server = createServer(
    createRequestListener(
      ctx,
      (request) => handleControlRequest(emulator as Emulator, request),
      stopping.signal,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ctx.url = `http://${host}:${address.port}`;
  ctx.issuer = options.issuer ?? `${ctx.url}/user_management/${clientId}`;

  let stopped: Promise<void> | undefined;
  emulator = {
    url: ctx.url,
    port: address.port,
    clientId,
    apiKey,
    issuer: ctx.issuer,
    jwksUrl: `${ctx.url}/sso/jwks/${clientId}`,
    stats: () => structuredClone(ctx.stats),
    reset() {
      ctx.stats = createStats();
      ctx.faults.clear();
    },
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        stopping.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopped;
    },
    injectFault: (fault) => ctx.faults.add(fault),
    clearFaults: () => ctx.faults.clear(),
    listFaults: () => ctx.faults.list(),
    rotateSigningKey: (rotateOptions) => ctx.keys.rotate(rotateOptions?.retainPrevious ?? true),
    issueSession: (sessionOptions = {}) => issueSession(ctx, sessionOptions),
    signAccessToken(claims = {}, signOptions = {}) {
      const iat = Math.floor(ctx.now() / 1000);
      const sub = ctx.state.users.values().next().value?.id ?? 'user_emulator';
      return ctx.keys.signJwt({
        iss: ctx.issuer,
        sub,
        jti: createId(''),
        iat,
        exp: iat + (signOptions.expiresInSeconds ?? ctx.settings.accessTokenTtlSeconds),
        ...claims,
      });
    },
    issueAccessToken: (tokenOptions) => issueAccessToken(ctx, tokenOptions),
    now: () => ctx.now(),
    configure(patch) {
      Object.assign(ctx.settings, checkSettings(patch));
      return { ...ctx.settings };
    },
  };
  return emulator;
}

function issueSession(ctx: EmulatorContext, options: IssueSessionOptions): IssuedSession {
  const user = options.userId ? ctx.state.findUser(options.userId) : ctx.state.users.values().next().value;
  if (!user) throw new TypeError(`Unknown user: ${options.userId ?? '(no users seeded)'}.`);
  let organizationId =
    options.organizationId === undefined ? ctx.state.defaultOrganizationId(user.id) : options.organizationId;
  if (organizationId !== null && !ctx.state.findActiveMembership(user.id, organizationId)) {
    throw new TypeError(`${user.email} is not an active member of organization ${organizationId}.`);
  }
  organizationId ??= null;
  const impersonator = options.impersonator
    ? { email: options.impersonator.email, reason: options.impersonator.reason ?? null }
    : (ctx.state.impersonations.get(user.id) ?? null);
  const body: AuthenticateResponseBody = createSession(ctx, {
    userId: user.id,
    organizationId,
    authenticationMethod: impersonator ? 'Impersonation' : 'Password',
    impersonator,
    ...(options.accessTokenTtlSeconds !== undefined
      ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds }
      : {}),
  });
  const sessionId = ctx.state.refreshTokens.get(body.refresh_token)?.sessionId ?? '';
  return {
    user: toEmulatorUser(body.user),
    ...(body.organization_id ? { organizationId: body.organization_id } : {}),
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    authenticationMethod: body.authentication_method,
    ...(body.impersonator ? { impersonator: body.impersonator } : {}),
    sessionId,
  };
}

function toKeySource(options: EmulatorOptions): SigningKeySource {
  if (typeof options.signingKey === 'string') return { path: options.signingKey };
  if (options.signingKey) return { jwk: options.signingKey };
  return { seed: options.signingKeySeed ?? DEFAULTS.signingKeySeed };
}
