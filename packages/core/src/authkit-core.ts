import {
  type AccessTokenClaims,
  type AccessTokenVerification,
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  decodeAccessToken,
} from './access-token.js';
import { type Auth, buildAuth } from './auth.js';
import {
  type AccessTokenRouteOptions,
  type AuthRouteResult,
  type CallbackRouteOptions,
  handleAccessTokenRoute,
  handleCallbackRoute,
  handleSignInRoute,
  handleSignOutRoute,
  type SignInRouteOptions,
  type SignOutRouteOptions,
} from './auth-routes.js';
import { BoundedMap } from './bounded-map.js';
import { SESSION_CACHE_HEADERS } from './cache-headers.js';
import { parseCookieHeader } from './cookie-header.js';
import { AuthKitError, isAuthKitError } from './errors.js';
import { type AuthKitLogger, createLogger } from './logger.js';
import { type AuthKitMetrics, createMetrics } from './metrics.js';
import { type AuthKitOptions, type ResolvedOptions, resolveOptions } from './options.js';
import {
  clearPendingOrganizationSelection,
  createPendingOrganizationSelection,
  ORGANIZATION_SELECTION_PARAM,
  type OrganizationChoice,
  organizationSelectionCookieName,
  readOrganizationChoices,
  readPendingOrganizationSelection,
} from './organization-selection.js';
import { DEMO_SINGLE_FLIGHT_HEADER, handleDemoRoute } from './race-demo.js';
import { refreshKey, requestRefresh } from './refresh.js';
import {
  createInProcessRefreshCoordinator,
  type RefreshCoordinator,
  type RefreshResult,
  type RefreshRole,
} from './refresh-coordinator.js';
import { toSameOriginPath } from './return-path.js';
import { type Session, sealSession, unsealSession } from './session.js';
import {
  presentSessionCookieNames,
  readSessionCookie,
  serializeClearedSessionCookies,
  serializeSessionCookies,
} from './session-cookie.js';
import {
  createPendingSignIn,
  findPendingSignIn,
  readPendingSignIns,
  serializePendingSignIns,
  signInCookieName,
} from './sign-in.js';
import { createSingleFlight } from './single-flight.js';
import { sha256Base64Url } from './web-crypto.js';
import {
  createWorkOSApi,
  toWorkOSRequestError,
  type WorkOSApi,
  type WorkOSAuthentication,
  type WorkOSRequestError,
} from './workos-api.js';

/** Anything that carries request headers: a `Request`, or `{ headers }` for frameworks that only expose those. */
export type RequestLike = Pick<Request, 'headers'> & { url?: string; signal?: AbortSignal };

/** The outcome of {@link AuthKitCore.authenticate}. */
export interface AuthenticateResult<TClaims extends object = Record<never, never>> {
  /** The signed-in user, or `null` when signed out. */
  auth: Auth<TClaims> | null;
  /** The current session (refreshed when `refresh` is set): hand it to the rest of the request. */
  session: Session | null;
  /** `Set-Cookie` values to write on the response, in order. Empty when nothing changed. */
  setCookies: string[];
  /** Set when the session was refreshed: this caller led the refresh, joined another's, or got a replay. */
  refresh?: RefreshRole;
  /**
   * `Cache-Control: private, no-store` and `Vary: Cookie` when the response depends on the session
   * (signed in, or cookies written); empty for an anonymous request that changed nothing.
   */
  cacheHeaders: Readonly<Record<string, string>>;
}

export interface AuthenticateOptions {
  /**
   * `false` never refreshes: for code that cannot write cookies (Next.js server components). An
   * expired session then reads as signed out and the cookie is left alone. Default true.
   */
  refresh?: boolean;
}

export interface SignInUrlOptions {
  /** Same-origin path (or URL) to land on after sign-in. Default `/`. */
  returnTo?: string;
  organizationId?: string;
  loginHint?: string;
  screenHint?: 'sign-in' | 'sign-up';
  domainHint?: string;
  /** e.g. `login` to force the credentials screen. */
  prompt?: string;
  /** Require an authentication at most this many seconds old (step-up). */
  maxAgeSeconds?: number;
  /** Callback URL for this sign-in; defaults to the `redirectUri` option. */
  redirectUri?: string;
  /**
   * The app's own OAuth `state` (at most 2048 characters): kept in the sealed sign-in cookie (the
   * `state` sent to WorkOS stays random) and handed back to the callback's `onSuccess` as `state`.
   */
  state?: string;
  /** The current request: keeps the other pending sign-ins of this browser (several tabs). */
  request?: RequestLike;
}

export interface CallbackResult<TClaims extends object = Record<never, never>> {
  /** Absolute URL on the app's origin to redirect to. */
  redirectTo: string;
  setCookies: string[];
  auth: Auth<TClaims>;
  session: Session;
  accessToken: string;
  refreshToken: string;
  user: Session['user'];
  impersonator: Session['impersonator'];
  organizationId: string | undefined;
  /** How the user signed in (`Password`, `GoogleOAuth`, `SSO`, …), as WorkOS reports it. */
  authenticationMethod: WorkOSAuthentication['authenticationMethod'];
  /** The identity provider's OAuth tokens, when WorkOS returns them. */
  oauthTokens: WorkOSAuthentication['oauthTokens'];
  /** The app's own `state` given to `getSignInUrl`, if any. */
  state: string | undefined;
}

/** Where a completed sign-in lands. */
export interface CallbackLanding {
  /** Where to land when the sign-in named no `returnTo` (same-origin path). Default `/`. */
  returnPathname?: string;
  /** Land on `returnPathname` even when the sign-in named its own `returnTo`. Default false. */
  returnPathnameWins?: boolean;
  /**
   * The origin to land on instead of the redirect URI's: an app behind a proxy that rewrites the
   * host. The path stays the sign-in's own (same-origin checked).
   */
  baseURL?: string;
}

export interface CallbackHooks<TClaims extends object = Record<never, never>> extends CallbackLanding {
  onSuccess?: (result: CallbackResult<TClaims>) => void | Promise<void>;
  onError?: (error: AuthKitError) => void | Promise<void>;
}

const MAX_CUSTOM_STATE_LENGTH = 2048;

/**
 * What a callback leads to: a signed-in user, or (for a user of several organizations, when WorkOS
 * asks for it) a stop at the organization picker.
 */
export type CallbackOutcome<TClaims extends object = Record<never, never>> =
  | { kind: 'signed-in'; result: CallbackResult<TClaims> }
  | {
      kind: 'organization-selection';
      /** The picker: the callback URL with `organization_selection=<nonce>`, or the app's own page. */
      redirectTo: string;
      setCookies: string[];
      organizations: OrganizationChoice[];
    };

/** A pending organization selection, as an app's own picker page shows it. */
export interface OrganizationSelection {
  organizations: OrganizationChoice[];
  /** The callback URL that completes the sign-in with this organization. */
  selectUrl(organizationId: string): string;
}

const SIGNED_OUT_SESSION_MEMORY_MS = 60 * 60 * 1000;

type CookieRead =
  | { status: 'unreadable' }
  | { status: 'read'; session: Session; verification: AccessTokenVerification };

interface VerifiedSession {
  session: Session;
  claims: AccessTokenClaims;
}

/**
 * Server-side WorkOS AuthKit sessions for one app: reads and refreshes the session cookie, signs
 * users in and out. Framework-free and edge-safe; adapters create one per process with
 * `getAuthKitCore()`.
 *
 * @example
 * ```ts
 * const core = new AuthKitCore({ ...optionsFromEnv(process.env) });
 * const { auth, setCookies } = await core.authenticate(request);
 * ```
 * @throws {AuthKitError} `configuration_invalid` from the constructor.
 */
export class AuthKitCore<TClaims extends object = Record<never, never>> {
  readonly options: ResolvedOptions;
  readonly #api: WorkOSApi;
  readonly #verifyAccessToken: AccessTokenVerifier;
  readonly #coordinator: RefreshCoordinator;
  readonly #now: () => number;
  readonly #log: AuthKitLogger | undefined;
  readonly #onRefreshSuccess: AuthKitOptions['onRefreshSuccess'];
  readonly #onRefreshFailure: AuthKitOptions['onRefreshFailure'];
  /** Cookie hash → verified session, until the access token nears expiry. */
  readonly #verifiedSessions: BoundedMap<string, VerifiedSession>;
  /** Session ids signed out in this process: their in-flight refreshes must not write cookies. */
  readonly #signedOutSessions: BoundedMap<string, true>;
  readonly #metrics = createMetrics();
  readonly #cookieReads = createSingleFlight<string, CookieRead>();
  readonly #refreshKeys = new WeakMap<Session, { organizationId: string | undefined; key: string }>();
  readonly #refreshedClaims = new WeakMap<Session, AccessTokenClaims>();
  readonly #refreshedSetCookies = new WeakMap<Session, { namesKey: string; setCookies: string[] }>();

  constructor(options: AuthKitOptions) {
    this.options = resolveOptions(options);
    this.#now = options.now ?? Date.now;
    this.#log = createLogger(options.debug);
    this.#onRefreshSuccess = options.onRefreshSuccess;
    this.#onRefreshFailure = options.onRefreshFailure;
    this.#api =
      options.workosApi ??
      createWorkOSApi({
        clientId: this.options.clientId,
        apiKey: this.options.apiKey,
        apiHostname: this.options.apiHostname,
        apiHttps: this.options.apiHttps,
        apiPort: this.options.apiPort,
        timeoutSeconds: this.options.refreshTimeoutSeconds,
      });
    this.#verifyAccessToken = createAccessTokenVerifier({
      jwksUrl: this.#api.getJwksUrl(),
      clientId: this.options.clientId,
      issuer: this.options.issuer,
      now: this.#now,
    });
    this.#coordinator = options.refreshCoordinator ?? createInProcessRefreshCoordinator({ now: this.#now });
    this.#verifiedSessions = new BoundedMap(this.options.sessionCacheMaxEntries, this.#now);
    this.#signedOutSessions = new BoundedMap(10_000, this.#now);
  }

  /**
   * Reads the session of a request and refreshes it when the access token has expired or is about
   * to (unless `options.refresh` is false). Bad input never throws: it yields a signed-out result
   * that clears the cookie.
   *
   * @throws {AuthKitError} `jwks_unavailable` or `upstream_unavailable` when WorkOS cannot be
   * reached and no valid session can be shown; the cookie is kept (answer 503).
   */
  async authenticate(
    request: RequestLike,
    options: AuthenticateOptions = {},
  ): Promise<AuthenticateResult<TClaims>> {
    const cookies = parseCookieHeader(request.headers.get('cookie'));
    const sealed = readSessionCookie(cookies, this.options.cookieName);
    if (sealed === undefined) return this.#signedOut([]);

    const cacheKey = await sha256Base64Url(sealed);
    const cached = this.#verifiedSessions.get(cacheKey);
    if (cached && !this.#isSignedOut(cached.claims.sid)) {
      this.#metrics.sessionCacheHits++;
      return this.#signedIn(cached, []);
    }
    const presentNames = presentSessionCookieNames(cookies, this.options.cookieName);

    // Concurrent requests with the same new cookie share one unseal and one signature check.
    const read = await this.#cookieReads.run(cacheKey, () => this.#readSessionCookie(sealed)).promise;
    if (read.status === 'unreadable') return this.#signedOut(presentNames);
    const { session, verification } = read;
    if (verification.status === 'invalid') {
      this.#log?.('access token invalid; signing out', { code: verification.error.code });
      return this.#signedOut(presentNames);
    }
    const { claims } = verification;
    if (this.#isSignedOut(claims.sid)) return this.#signedOut(presentNames);

    if (verification.status === 'valid' && !this.#needsRefresh(claims)) {
      this.#remember(cacheKey, { session, claims });
      return this.#signedIn({ session, claims }, []);
    }
    if (options.refresh === false) {
      // Read-only callers (rendering) must not spend the refresh token: a still-valid token is
      // shown, an expired one reads as signed out without touching the cookie.
      return verification.status === 'valid' ? this.#signedIn({ session, claims }, []) : this.#signedOut([]);
    }

    try {
      return await this.#refresh(session, {
        organizationId: claims.org_id,
        organizationExplicit: false,
        presentNames,
        signal: request.signal,
        sessionId: claims.sid,
        bypassSingleFlight:
          this.options.demoMode && request.headers.get(DEMO_SINGLE_FLIGHT_HEADER)?.toLowerCase() === 'off',
      });
    } catch (error) {
      if (isAuthKitError(error) && error.code === 'refresh_rejected') return this.#signedOut(presentNames);
      // Still valid, only close to expiry: an outage must not interrupt the user.
      if (verification.status === 'valid' && isAuthKitError(error) && error.isTransient) {
        return this.#signedIn({ session, claims }, []);
      }
      throw error;
    }
  }

  /**
   * Refreshes a session now, through the refresh coordinator (so concurrent refreshes of the same
   * session share one WorkOS call).
   *
   * @throws {AuthKitError} `refresh_rejected`, `organization_switch_rejected`, `upstream_unavailable`
   */
  async refreshSession(
    session: Session,
    options: { organizationId?: string; request?: RequestLike } = {},
  ): Promise<AuthenticateResult<TClaims>> {
    const presentNames = options.request
      ? presentSessionCookieNames(
          parseCookieHeader(options.request.headers.get('cookie')),
          this.options.cookieName,
        )
      : [];
    return this.#refresh(session, {
      organizationId: options.organizationId ?? decodeAccessToken(session.accessToken)?.org_id,
      organizationExplicit: options.organizationId !== undefined,
      presentNames,
    });
  }

  /**
   * Switches the session to another organization of the user (a refresh scoped to it).
   *
   * @throws {AuthKitError} `no_session`, `organization_switch_rejected`, `refresh_rejected`, `upstream_unavailable`
   */
  async switchToOrganization(
    source: RequestLike | Session,
    organizationId: string,
  ): Promise<AuthenticateResult<TClaims>> {
    const request = 'headers' in source ? source : undefined;
    const session = request ? await this.readSession(request) : (source as Session);
    if (!session) throw new AuthKitError('no_session', 'Sign in before switching organizations');
    return this.refreshSession(session, { organizationId, ...(request ? { request } : {}) });
  }

  /** The sign-in (or sign-up) route: `GET` → 302 to AuthKit. See {@link handleSignInRoute}. */
  handleSignInRoute(request: Request, options?: SignInRouteOptions): Promise<AuthRouteResult<TClaims>> {
    return handleSignInRoute(this, request, options);
  }

  /** The callback route: `GET` → 302 to the return path, a 4xx page or a 503. See {@link handleCallbackRoute}. */
  handleCallbackRoute(
    request: Request,
    options?: CallbackRouteOptions<TClaims>,
  ): Promise<AuthRouteResult<TClaims>> {
    return handleCallbackRoute(this, request, options);
  }

  /** The sign-out route: same-origin `POST` → 303 to WorkOS's logout. See {@link handleSignOutRoute}. */
  handleSignOutRoute(request: Request, options?: SignOutRouteOptions): Promise<AuthRouteResult<TClaims>> {
    return handleSignOutRoute(this, request, options);
  }

  /** The race demo's routes (demo mode on the emulator only; 404 otherwise). See {@link handleDemoRoute}. */
  handleDemoRoute(request: Request): Promise<AuthRouteResult<TClaims>> {
    return handleDemoRoute(this, request) as Promise<AuthRouteResult<TClaims>>;
  }

  /** The access-token route for browser code. See {@link handleAccessTokenRoute}. */
  handleAccessTokenRoute(
    request: Request,
    options?: AccessTokenRouteOptions,
  ): Promise<AuthRouteResult<TClaims>> {
    return handleAccessTokenRoute(this, request, options);
  }

  /** A snapshot of this instance's counters. */
  metrics(): AuthKitMetrics {
    return { ...this.#metrics };
  }

  /** Seals a session into a cookie value (iron, compatible with WorkOS's kits). */
  sealSession(session: Session): Promise<string> {
    this.#metrics.seals++;
    return sealSession(session, this.options.cookiePasswords);
  }

  /** @throws {AuthKitError} `cookie_unreadable` */
  unsealSession(cookieValue: string): Promise<Session> {
    return unsealSession(cookieValue, this.options.cookiePasswords);
  }

  /** `Set-Cookie` values that store a sealed session (split in chunks when larger than one cookie). */
  serializeSessionCookies(sealedSession: string, request?: RequestLike): string[] {
    const presentNames = request
      ? presentSessionCookieNames(parseCookieHeader(request.headers.get('cookie')), this.options.cookieName)
      : [];
    return serializeSessionCookies(sealedSession, this.options, presentNames);
  }

  /**
   * Starts a sign-in: a WorkOS authorization URL with PKCE (S256) and an OAuth `state`, and the
   * cookie that remembers them until the callback.
   *
   * @throws {AuthKitError} `redirect_not_allowed` when `returnTo` or `redirectUri` leaves the app's origin.
   */
  async getSignInUrl(options: SignInUrlOptions = {}): Promise<{ url: string; setCookies: string[] }> {
    const returnTo =
      options.returnTo === undefined ? '' : toSameOriginPath(options.returnTo, this.options.appOrigin);
    const redirectUri = options.redirectUri ?? this.options.redirectUri;
    if (options.redirectUri !== undefined) toSameOriginPath(options.redirectUri, this.options.appOrigin);
    if (options.state !== undefined && options.state.length > MAX_CUSTOM_STATE_LENGTH) {
      throw new AuthKitError(
        'invalid_request',
        `The sign-in state is longer than ${MAX_CUSTOM_STATE_LENGTH} characters`,
      );
    }
    const now = this.#now();
    const { entry, codeChallenge } = await createPendingSignIn(
      { returnTo, redirectUri, customState: options.state },
      this.options,
      now,
    );
    const existing = options.request
      ? await readPendingSignIns(
          parseCookieHeader(options.request.headers.get('cookie')).get(signInCookieName(this.options)),
          this.options,
          now,
        )
      : [];
    const url = this.#api.getAuthorizationUrl({
      redirectUri,
      state: entry.state,
      codeChallenge,
      screenHint: options.screenHint,
      loginHint: options.loginHint,
      organizationId: options.organizationId,
      domainHint: options.domainHint,
      prompt: options.prompt,
      maxAgeSeconds: options.maxAgeSeconds,
    });
    return { url, setCookies: [await serializePendingSignIns([entry, ...existing], this.options)] };
  }

  /** {@link getSignInUrl} on the sign-up screen. */
  getSignUpUrl(
    options: Omit<SignInUrlOptions, 'screenHint'> = {},
  ): Promise<{ url: string; setCookies: string[] }> {
    return this.getSignInUrl({ ...options, screenHint: 'sign-up' });
  }

  /**
   * Completes a sign-in on the callback URL: checks `state` against this browser's pending
   * sign-ins, exchanges the code with its PKCE verifier, and seals the new session.
   *
   * @throws {AuthKitError} `callback_error`, `state_mismatch`, `pkce_verifier_missing`,
   * `code_exchange_failed`, `upstream_unavailable`
   */
  async handleCallback(
    request: Request,
    hooks: CallbackHooks<TClaims> = {},
  ): Promise<CallbackResult<TClaims>> {
    const outcome = await this.completeCallback(request, hooks);
    if (outcome.kind === 'signed-in') return outcome.result;
    const error = new AuthKitError(
      'organization_selection_required',
      'Choose an organization to finish signing in (mount the callback with handleCallbackRoute)',
    );
    await hooks.onError?.(error);
    throw error;
  }

  /**
   * {@link handleCallback} for routes: the callback URL also serves the organization picker. A
   * callback that WorkOS answers with `organization_selection_required` yields a redirect to the
   * picker (with a sealed cookie holding WorkOS's pending token); the picker's links come back here
   * with `organization_selection` and `organization_id`, and complete the sign-in.
   *
   * @throws {AuthKitError} as {@link handleCallback}
   */
  async completeCallback(
    request: Request,
    hooks: CallbackHooks<TClaims> & { organizationSelectionUrl?: string } = {},
  ): Promise<CallbackOutcome<TClaims>> {
    try {
      const nonce = new URL(request.url).searchParams.get(ORGANIZATION_SELECTION_PARAM);
      const outcome =
        nonce === null
          ? await this.#completeCallback(request, hooks)
          : await this.#completeOrganizationSelection(request, hooks);
      if (outcome.kind === 'signed-in') await hooks.onSuccess?.(outcome.result);
      return outcome;
    } catch (caught) {
      const error = isAuthKitError(caught)
        ? caught
        : new AuthKitError('code_exchange_failed', 'Sign-in could not be completed', { cause: caught });
      await hooks.onError?.(error);
      throw error;
    }
  }

  /**
   * The pending organization selection of this browser, for an app that renders its own picker
   * (the page named by `organizationSelectionUrl`, reached with `?organization_selection=<nonce>`).
   * `undefined` when none is pending (expired, or another browser).
   */
  async getOrganizationSelection(
    request: RequestLike & { url: string },
  ): Promise<OrganizationSelection | undefined> {
    const found = await this.#readOrganizationSelection(request);
    if (!found) return undefined;
    return {
      organizations: found.pending.organizations,
      selectUrl: (organizationId) => {
        const url = new URL(this.options.redirectUri);
        url.searchParams.set(ORGANIZATION_SELECTION_PARAM, found.nonce);
        url.searchParams.set('organization_id', organizationId);
        return url.toString();
      },
    };
  }

  async #readOrganizationSelection(request: RequestLike & { url: string }) {
    const nonce = new URL(request.url).searchParams.get(ORGANIZATION_SELECTION_PARAM);
    if (nonce === null) return undefined;
    const pending = await readPendingOrganizationSelection(
      parseCookieHeader(request.headers.get('cookie')).get(organizationSelectionCookieName(this.options)),
      nonce,
      this.options,
      this.#now(),
    );
    return pending ? { nonce, pending } : undefined;
  }

  async #completeOrganizationSelection(
    request: Request,
    landing: CallbackLanding,
  ): Promise<CallbackOutcome<TClaims>> {
    const found = await this.#readOrganizationSelection(request);
    if (!found) {
      throw new AuthKitError(
        'pkce_verifier_missing',
        'No organization choice is pending in this browser; sign in again',
      );
    }
    const { pending } = found;
    const organizationId = new URL(request.url).searchParams.get('organization_id');
    if (organizationId === null) {
      return {
        kind: 'organization-selection',
        redirectTo: request.url,
        setCookies: [],
        organizations: pending.organizations,
      };
    }
    if (!pending.organizations.some((organization) => organization.id === organizationId)) {
      throw new AuthKitError('organization_switch_rejected', 'That organization is not one of the choices');
    }
    if (!this.#api.authenticateWithOrganizationSelection) {
      throw new AuthKitError(
        'code_exchange_failed',
        'This WorkOS client cannot complete organization selection',
      );
    }
    let authentication: WorkOSAuthentication;
    try {
      authentication = await this.#api.authenticateWithOrganizationSelection({
        pendingAuthenticationToken: pending.pendingAuthenticationToken,
        organizationId,
      });
    } catch (caught) {
      throw signInExchangeError(toWorkOSRequestError(caught));
    }
    return this.#signedInFromCallback(authentication, request, {
      returnTo: pending.returnTo,
      landing,
      customState: pending.customState,
      extraSetCookies: [clearPendingOrganizationSelection(this.options)],
    });
  }

  async #completeCallback(
    request: Request,
    hooks: CallbackLanding & { organizationSelectionUrl?: string },
  ): Promise<CallbackOutcome<TClaims>> {
    const url = new URL(request.url);
    const upstreamError = url.searchParams.get('error');
    if (upstreamError !== null) {
      const description = (url.searchParams.get('error_description') ?? '').slice(0, 200);
      throw new AuthKitError(
        'callback_error',
        `Sign-in failed: ${upstreamError.slice(0, 100)}${description ? ` (${description})` : ''}`,
      );
    }
    const code = url.searchParams.get('code');
    if (!code) throw new AuthKitError('callback_error', 'The sign-in callback has no authorization code');
    const state = url.searchParams.get('state');
    if (!state) throw new AuthKitError('state_mismatch', 'The sign-in callback has no state');

    const cookies = parseCookieHeader(request.headers.get('cookie'));
    const pendingCookie = cookies.get(signInCookieName(this.options));
    if (!pendingCookie) {
      throw new AuthKitError(
        'pkce_verifier_missing',
        'No sign-in is pending in this browser (cookie missing or expired)',
      );
    }
    const pending = await readPendingSignIns(pendingCookie, this.options, this.#now());
    const entry = findPendingSignIn(pending, state);
    if (!entry)
      throw new AuthKitError('state_mismatch', 'The sign-in state does not match a pending sign-in');

    const remaining = pending.filter((candidate) => candidate !== entry);
    const pendingSignInsCookie = await serializePendingSignIns(remaining, this.options);
    let authentication: WorkOSAuthentication;
    try {
      authentication = await this.#api.authenticateWithCode({ code, codeVerifier: entry.codeVerifier });
    } catch (caught) {
      const error = toWorkOSRequestError(caught);
      if (error.errorCode === 'organization_selection_required' && error.pendingAuthenticationToken) {
        const organizations = readOrganizationChoices(error.organizations);
        const { pending: selection, setCookie } = await createPendingOrganizationSelection(
          {
            pendingAuthenticationToken: error.pendingAuthenticationToken,
            organizations,
            returnTo: entry.returnTo,
            ...(entry.customState === undefined ? {} : { customState: entry.customState }),
          },
          this.options,
          this.#now(),
        );
        const picker = new URL(hooks.organizationSelectionUrl ?? entry.redirectUri, this.options.appOrigin);
        picker.searchParams.set(ORGANIZATION_SELECTION_PARAM, selection.nonce);
        return {
          kind: 'organization-selection',
          redirectTo: picker.toString(),
          setCookies: [setCookie, pendingSignInsCookie],
          organizations,
        };
      }
      throw signInExchangeError(error);
    }
    return this.#signedInFromCallback(authentication, request, {
      returnTo: entry.returnTo,
      landing: hooks,
      customState: entry.customState,
      extraSetCookies: [pendingSignInsCookie],
    });
  }

  /** Seals the session of a completed sign-in and builds the callback's result. */
  async #signedInFromCallback(
    authentication: WorkOSAuthentication,
    request: RequestLike,
    completion: {
      /** The sign-in's own return path; `''` when it named none. */
      returnTo: string;
      landing: CallbackLanding;
      customState: string | undefined;
      extraSetCookies: string[];
    },
  ): Promise<CallbackOutcome<TClaims>> {
    const session = this.#toSession(authentication);
    const claims = decodeAccessToken(session.accessToken);
    if (!claims) throw new AuthKitError('code_exchange_failed', 'WorkOS returned an unreadable access token');
    const sealed = await this.sealSession(session);
    this.#remember(await sha256Base64Url(sealed), { session, claims });
    const cookies = parseCookieHeader(request.headers.get('cookie'));
    const setCookies = [
      ...serializeSessionCookies(
        sealed,
        this.options,
        presentSessionCookieNames(cookies, this.options.cookieName),
      ),
      ...completion.extraSetCookies,
    ];
    const { landing } = completion;
    const path =
      (!landing.returnPathnameWins && completion.returnTo) ||
      toSameOriginPath(landing.returnPathname ?? completion.returnTo, this.options.appOrigin);
    return {
      kind: 'signed-in',
      result: {
        redirectTo: new URL(path, landing.baseURL ?? this.options.appOrigin).toString(),
        setCookies,
        auth: buildAuth<TClaims>(session, claims),
        session,
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        user: session.user,
        impersonator: session.impersonator,
        organizationId: authentication.organizationId ?? claims.org_id,
        authenticationMethod: authentication.authenticationMethod,
        oauthTokens: authentication.oauthTokens,
        state: completion.customState,
      },
    };
  }

  /**
   * Signs out: clears the session cookie and returns WorkOS's logout URL for the session (which
   * ends it upstream and then redirects to `returnTo`). A refresh of this session still in flight
   * in this process will not write its cookie.
   *
   * `returnTo` may name another origin: WorkOS redirects there only when it is on the dashboard's
   * list of sign-out redirects. Without a session there is no WorkOS hop to check it, so a
   * cross-origin `returnTo` then lands on the app's home page instead (never an open redirect).
   *
   * @throws {AuthKitError} `redirect_not_allowed` when `returnTo` is not an http(s) URL or path.
   */
  async signOut(
    source: RequestLike | Session | null,
    options: { returnTo?: string } = {},
  ): Promise<{ redirectTo: string; setCookies: string[] }> {
    const returnTo = resolveSignOutReturnTo(options.returnTo, this.options.appOrigin);
    let session: Session | undefined;
    let presentNames: string[] = [];
    if (source && 'headers' in source) {
      const cookies = parseCookieHeader(source.headers.get('cookie'));
      presentNames = presentSessionCookieNames(cookies, this.options.cookieName);
      const sealed = readSessionCookie(cookies, this.options.cookieName);
      if (sealed !== undefined) {
        this.#verifiedSessions.delete(await sha256Base64Url(sealed));
        session = await unsealSession(sealed, this.options.cookiePasswords).catch(() => undefined);
      }
    } else if (source) {
      session = source as Session;
    }
    const sessionId = session ? decodeAccessToken(session.accessToken)?.sid : undefined;
    if (sessionId) this.#signedOutSessions.set(sessionId, true, this.#now() + SIGNED_OUT_SESSION_MEMORY_MS);
    return {
      redirectTo: sessionId
        ? this.#api.getLogoutUrl({ sessionId, returnTo: returnTo.url })
        : returnTo.sameOrigin
          ? returnTo.url
          : new URL('/', this.options.appOrigin).toString(),
      setCookies: serializeClearedSessionCookies(this.options, presentNames),
    };
  }

  async #readSessionCookie(sealed: string): Promise<CookieRead> {
    let session: Session;
    try {
      this.#metrics.unseals++;
      session = await unsealSession(sealed, this.options.cookiePasswords);
    } catch (error) {
      this.#log?.('session cookie unreadable; signing out', {
        code: isAuthKitError(error) ? error.code : 'unknown',
      });
      return { status: 'unreadable' };
    }
    this.#metrics.tokenVerifications++;
    return { status: 'read', session, verification: await this.#verifyAccessToken(session.accessToken) };
  }

  /** The session in the request's cookie, unsealed but not verified; `undefined` when absent or unreadable. */
  async readSession(request: RequestLike): Promise<Session | undefined> {
    const sealed = readSessionCookie(
      parseCookieHeader(request.headers.get('cookie')),
      this.options.cookieName,
    );
    if (sealed === undefined) return undefined;
    return unsealSession(sealed, this.options.cookiePasswords).catch(() => undefined);
  }

  async #refresh(
    session: Session,
    params: {
      organizationId: string | undefined;
      organizationExplicit: boolean;
      presentNames: string[];
      signal?: AbortSignal | undefined;
      /** Known when the caller verified the token already; decoded otherwise. */
      sessionId?: string | undefined;
      /** Race demo only: refresh alone, as kits without single-flight do. */
      bypassSingleFlight?: boolean;
    },
  ): Promise<AuthenticateResult<TClaims>> {
    const sessionId = params.sessionId ?? decodeAccessToken(session.accessToken)?.sid;
    const key = await this.#refreshKeyOf(session, params.organizationId);
    let outcome: Awaited<ReturnType<RefreshCoordinator['run']>>;
    try {
      // The shared refresh never sees a caller's abort signal: one caller leaving must not fail the others.
      outcome = await waitUnlessAborted(
        params.bypassSingleFlight
          ? this.#refreshUpstream(session, params.organizationId, false).then((result) => ({
              ...result,
              refresh: 'led' as const,
            }))
          : this.#coordinator.run(
              key,
              () => this.#refreshUpstream(session, params.organizationId, params.organizationExplicit),
              {
                unsealSession: (sealed) => this.unsealSession(sealed),
                replaySeconds: this.options.refreshReplaySeconds,
                timeoutSeconds: this.options.refreshTimeoutSeconds,
              },
            ),
        params.signal,
      );
    } catch (caught) {
      // This caller went away; the refresh itself goes on for the others.
      if (params.signal?.aborted) throw caught;
      const error = isAuthKitError(caught)
        ? caught
        : new AuthKitError('upstream_unavailable', 'The session could not be refreshed', { cause: caught });
      this.#metrics.refreshFailures++;
      this.#log?.('refresh failed', { code: error.code });
      throw error;
    }
    // A sign-out that happened while the refresh was in flight wins: its cookie is not written.
    if (sessionId && this.#isSignedOut(sessionId)) return this.#signedOut(params.presentNames);
    this.#log?.('session refreshed', { refresh: outcome.refresh });
    if (outcome.refresh === 'led') this.#metrics.refreshesLed++;
    else if (outcome.refresh === 'joined') this.#metrics.refreshesJoined++;
    else this.#metrics.refreshesReplayed++;
    const claims = await this.#cacheRefreshed(outcome);
    return {
      ...this.#signedIn(
        { session: outcome.session, claims },
        this.#refreshedCookies(outcome, params.presentNames),
      ),
      refresh: outcome.refresh,
    };
  }

  /** The refresh key of a session, computed once for all the requests that share its cookie read. */
  async #refreshKeyOf(session: Session, organizationId: string | undefined): Promise<string> {
    const memo = this.#refreshKeys.get(session);
    if (memo && memo.organizationId === organizationId) return memo.key;
    const key = await refreshKey(session.refreshToken, organizationId);
    this.#refreshKeys.set(session, { organizationId, key });
    return key;
  }

  /**
   * Puts a refreshed session in the verified-session cache, once per refresh: the waiters of one
   * refresh share its session object, so only the first of them decodes and hashes.
   */
  async #cacheRefreshed(outcome: RefreshResult): Promise<AccessTokenClaims> {
    const known = this.#refreshedClaims.get(outcome.session);
    if (known) return known;
    const claims = decodeAccessToken(outcome.session.accessToken);
    if (!claims) throw new AuthKitError('upstream_unavailable', 'WorkOS returned an unreadable access token');
    this.#refreshedClaims.set(outcome.session, claims);
    this.#remember(await sha256Base64Url(outcome.sealedSession), { session: outcome.session, claims });
    return claims;
  }

  /** The `Set-Cookie` values of a refresh, serialized once for the waiters whose requests carried the same cookies. */
  #refreshedCookies(outcome: RefreshResult, presentNames: string[]): string[] {
    const namesKey = presentNames.join('\0');
    const known = this.#refreshedSetCookies.get(outcome.session);
    if (known?.namesKey === namesKey) return [...known.setCookies];
    const setCookies = serializeSessionCookies(outcome.sealedSession, this.options, presentNames);
    this.#refreshedSetCookies.set(outcome.session, { namesKey, setCookies });
    return [...setCookies];
  }

  /** The work of the refresh leader: one WorkOS call, one seal, shared by every waiter. */
  async #refreshUpstream(
    session: Session,
    organizationId: string | undefined,
    organizationExplicit: boolean,
  ): Promise<RefreshResult> {
    try {
      const authentication = await requestRefresh(
        this.#api,
        { refreshToken: session.refreshToken, organizationId, organizationExplicit },
        { timeoutSeconds: this.options.refreshTimeoutSeconds, now: this.#now },
      );
      const next = this.#toSession(authentication, session);
      const sealedSession = await this.sealSession(next);
      const nextKey = await refreshKey(next.refreshToken, decodeAccessToken(next.accessToken)?.org_id);
      this.#onRefreshSuccess?.({ session: next, organizationId: authentication.organizationId });
      return { session: next, sealedSession, nextKey };
    } catch (error) {
      if (isAuthKitError(error)) this.#onRefreshFailure?.({ error });
      throw error;
    }
  }

  #toSession(authentication: WorkOSAuthentication, previous?: Session): Session {
    const impersonator = authentication.impersonator ?? previous?.impersonator;
    return {
      accessToken: authentication.accessToken,
      refreshToken: authentication.refreshToken,
      user: authentication.user,
      ...(impersonator ? { impersonator } : {}),
    };
  }

  #needsRefresh(claims: AccessTokenClaims): boolean {
    return claims.exp * 1000 - this.#now() <= this.options.refreshBeforeExpirySeconds * 1000;
  }

  #remember(cacheKey: string, verified: VerifiedSession): void {
    // Entries leave the cache when the token enters its refresh window, so a hit never needs a refresh.
    const staleAt = verified.claims.exp * 1000 - this.options.refreshBeforeExpirySeconds * 1000;
    this.#verifiedSessions.set(cacheKey, verified, staleAt);
  }

  #isSignedOut(sessionId: string | undefined): boolean {
    return sessionId !== undefined && this.#signedOutSessions.get(sessionId) === true;
  }

  #signedIn(verified: VerifiedSession, setCookies: string[]): AuthenticateResult<TClaims> {
    return {
      auth: buildAuth<TClaims>(verified.session, verified.claims),
      session: verified.session,
      setCookies,
      cacheHeaders: SESSION_CACHE_HEADERS,
    };
  }

  #signedOut(presentNames: string[]): AuthenticateResult<TClaims> {
    const setCookies =
      presentNames.length > 0 ? serializeClearedSessionCookies(this.options, presentNames) : [];
    return {
      auth: null,
      session: null,
      setCookies,
      cacheHeaders: setCookies.length > 0 ? SESSION_CACHE_HEADERS : NO_CACHE_HEADERS,
    };
  }
}

const NO_CACHE_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The error of a failed code or organization-selection exchange: an outage keeps its 503. */
function signInExchangeError(error: WorkOSRequestError): AuthKitError {
  if (error.isTransient) {
    return new AuthKitError('upstream_unavailable', 'WorkOS could not be reached to complete sign-in', {
      cause: error,
    });
  }
  return new AuthKitError(
    'code_exchange_failed',
    `WorkOS refused to complete the sign-in (${error.errorCode ?? error.status})`,
    { cause: error },
  );
}

/** Where a sign-out lands: an absolute http(s) URL, and whether it is on the app's own origin. */
function resolveSignOutReturnTo(
  returnTo: string | undefined,
  appOrigin: string,
): { url: string; sameOrigin: boolean } {
  if (returnTo !== undefined && /^https?:\/\//i.test(returnTo)) {
    let url: URL;
    try {
      url = new URL(returnTo);
    } catch (cause) {
      throw new AuthKitError('redirect_not_allowed', 'The sign-out return URL is not a valid URL', { cause });
    }
    if (url.origin !== appOrigin) return { url: url.toString(), sameOrigin: false };
  }
  return { url: new URL(toSameOriginPath(returnTo, appOrigin), appOrigin).toString(), sameOrigin: true };
}

/** Waits for `promise`, or rejects with an `AbortError` as soon as `signal` aborts (the work goes on). */
function waitUnlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The `iat` of a session's access token in seconds (0 when unreadable): the newer session has the larger one. */
export function sessionIssuedAt(session: Session): number {
  return decodeAccessToken(session.accessToken)?.iat ?? 0;
}
