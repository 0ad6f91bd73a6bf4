import { AuthKitError } from './errors.js';
import type { AuthKitLogger } from './logger.js';
import type { RefreshCoordinator } from './refresh-coordinator.js';
import type { Session } from './session.js';
import type { WorkOSApi } from './workos-api.js';

/** Values used when an option is not given. The TSDoc of each option points here. */
export const DEFAULTS = Object.freeze({
  apiHostname: 'api.workos.com',
  apiHttps: true,
  cookieName: 'wos-session',
  /** 400 days, the longest lifetime browsers accept for a cookie. */
  cookieMaxAgeSeconds: 400 * 24 * 60 * 60,
  cookieSameSite: 'lax' as CookieSameSite,
  refreshReplaySeconds: 10,
  refreshTimeoutSeconds: 10,
  refreshBeforeExpirySeconds: 10,
  sessionCacheMaxEntries: 10_000,
  signInMaxPending: 5,
  signInTtlSeconds: 600,
  /** `getFreshAccessToken` refreshes a token that expires within this many seconds. */
  accessTokenMinValiditySeconds: 60,
});

/** Upper bound of {@link AuthKitOptions.refreshReplaySeconds}. */
export const MAX_REFRESH_REPLAY_SECONDS = 60;
const MIN_COOKIE_PASSWORD_LENGTH = 32;

export type CookieSameSite = 'lax' | 'strict' | 'none';

/** Called after a refresh this process led. Never receives raw tokens beyond the session you already own. */
export type RefreshSuccessCallback = (event: {
  session: Session;
  organizationId: string | undefined;
}) => void;
/** Called when a refresh fails; `error.code` tells a rejection (`refresh_rejected`) from an outage. */
export type RefreshFailureCallback = (event: { error: AuthKitError }) => void;

/**
 * Options of {@link AuthKitCore}. Adapters fill them from the environment with `optionsFromEnv()`;
 * explicit options win.
 */
export interface AuthKitOptions {
  /** WorkOS client id (`WORKOS_CLIENT_ID`). Required. */
  clientId: string;
  /** WorkOS API key (`WORKOS_API_KEY`). Required. */
  apiKey: string;
  /** Callback URL registered in WorkOS (`WORKOS_REDIRECT_URI`). Required; its origin is the app's origin. */
  redirectUri: string;
  /**
   * Password(s) that seal the session cookie (`WORKOS_COOKIE_PASSWORD`), at least 32 characters each.
   * A list rotates passwords: the first seals, any of them unseals.
   */
  cookiePassword: string | readonly string[];
  /** WorkOS API host (`WORKOS_API_HOSTNAME`). Default {@link DEFAULTS.apiHostname}. */
  apiHostname?: string;
  /** Use https for the WorkOS API (`WORKOS_API_HTTPS`). Default true. */
  apiHttps?: boolean;
  /** WorkOS API port (`WORKOS_API_PORT`). Default: the scheme's port. */
  apiPort?: number;
  /**
   * The race demo of the example apps (`AUTHKIT_DEMO_MODE`): enables `handleDemoRoute` and lets a
   * request opt out of single-flight to show what a kit without it does. Refused at start-up unless
   * the WorkOS API is a local emulator (a loopback host over http): it can never be switched on
   * against WorkOS. Default false.
   */
  demoMode?: boolean;
  /** Session cookie name (`WORKOS_COOKIE_NAME`). Default `wos-session`. */
  cookieName?: string;
  /** Session cookie domain (`WORKOS_COOKIE_DOMAIN`). Default: host-only. */
  cookieDomain?: string;
  /** Session cookie lifetime (`WORKOS_COOKIE_MAX_AGE`). Default 400 days. */
  cookieMaxAgeSeconds?: number;
  /** Session cookie SameSite (`WORKOS_COOKIE_SAMESITE`). Default `lax`; `none` forces `Secure`. */
  cookieSameSite?: CookieSameSite;
  /** Mark cookies `Secure`. Default: true when `redirectUri` is https. */
  cookieSecure?: boolean;
  /** Shares refreshes between callers (and, with `@authkit-ssr/redis`, between processes). Default: in-process. */
  refreshCoordinator?: RefreshCoordinator;
  /** How long a finished refresh is replayed to requests still carrying the rotated-away token. Default 10, max 60, 0 disables. */
  refreshReplaySeconds?: number;
  /** Total deadline of one refresh, rate-limit waits included. Default 10. */
  refreshTimeoutSeconds?: number;
  /** Refresh this long before the access token expires. Default 10. */
  refreshBeforeExpirySeconds?: number;
  /**
   * Exact `iss` value(s) of access tokens to accept, e.g. a custom auth domain's issuer. Default:
   * any http(s) issuer that does not name another client (`…/user_management/<another client id>`);
   * a missing `iss` and a `client_id` claim of another client are refused either way.
   */
  issuer?: string | readonly string[];
  /** Bound of the verified-session cache (entries). Default 10 000; 0 disables the cache. */
  sessionCacheMaxEntries?: number;
  /** How many sign-ins may be pending at once in one browser. Default 5. */
  signInMaxPending?: number;
  /** How long a started sign-in stays valid. Default 600. */
  signInTtlSeconds?: number;
  /** Log decisions (never tokens or cookies): `true` for `console.debug`, or a function. */
  debug?: boolean | AuthKitLogger;
  onRefreshSuccess?: RefreshSuccessCallback;
  onRefreshFailure?: RefreshFailureCallback;
  /** Replace the WorkOS HTTP port (tests, custom transports). Default: `@workos-inc/node`. */
  workosApi?: WorkOSApi;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Options after validation: defaults applied, frozen. */
export interface ResolvedOptions {
  readonly clientId: string;
  readonly apiKey: string;
  readonly redirectUri: string;
  readonly appOrigin: string;
  readonly cookiePasswords: readonly string[];
  readonly apiHostname: string;
  readonly apiHttps: boolean;
  readonly apiPort: number | undefined;
  readonly cookieName: string;
  readonly cookieDomain: string | undefined;
  readonly cookieMaxAgeSeconds: number;
  readonly cookieSameSite: CookieSameSite;
  readonly cookieSecure: boolean;
  readonly refreshReplaySeconds: number;
  readonly refreshTimeoutSeconds: number;
  readonly refreshBeforeExpirySeconds: number;
  readonly issuer: readonly string[] | undefined;
  readonly demoMode: boolean;
  readonly sessionCacheMaxEntries: number;
  readonly signInMaxPending: number;
  readonly signInTtlSeconds: number;
}

const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Checks options once, at start-up.
 *
 * @throws {AuthKitError} `configuration_invalid`, listing every problem at once.
 */
export function resolveOptions(options: AuthKitOptions): ResolvedOptions {
  const problems: string[] = [];
  const requireString = (name: keyof AuthKitOptions, variable: string) => {
    const value = options[name];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${name} is required (${variable})`);
  };
  requireString('clientId', 'WORKOS_CLIENT_ID');
  requireString('apiKey', 'WORKOS_API_KEY');
  requireString('redirectUri', 'WORKOS_REDIRECT_URI');

  let appOrigin = '';
  let redirectIsHttps = false;
  if (typeof options.redirectUri === 'string' && options.redirectUri !== '') {
    try {
      const url = new URL(options.redirectUri);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      appOrigin = url.origin;
      redirectIsHttps = url.protocol === 'https:';
    } catch {
      problems.push('redirectUri must be an absolute http(s) URL (WORKOS_REDIRECT_URI)');
    }
  }

  const passwords =
    typeof options.cookiePassword === 'string'
      ? [options.cookiePassword]
      : Array.isArray(options.cookiePassword)
        ? [...options.cookiePassword]
        : [];
  if (passwords.length === 0) problems.push('cookiePassword is required (WORKOS_COOKIE_PASSWORD)');
  passwords.forEach((password, index) => {
    if (typeof password !== 'string' || password.length < MIN_COOKIE_PASSWORD_LENGTH) {
      const which = passwords.length > 1 ? `cookiePassword[${index}]` : 'cookiePassword';
      problems.push(
        `${which} must be at least ${MIN_COOKIE_PASSWORD_LENGTH} characters (WORKOS_COOKIE_PASSWORD)`,
      );
    }
  });

  const cookieName = options.cookieName ?? DEFAULTS.cookieName;
  if (!COOKIE_NAME_PATTERN.test(cookieName))
    problems.push('cookieName must be a valid cookie name (WORKOS_COOKIE_NAME)');

  const sameSite = options.cookieSameSite ?? DEFAULTS.cookieSameSite;
  if (!['lax', 'strict', 'none'].includes(sameSite)) {
    problems.push("cookieSameSite must be 'lax', 'strict' or 'none' (WORKOS_COOKIE_SAMESITE)");
  }

  const numberOption = (name: keyof AuthKitOptions, fallback: number, variable?: string): number => {
    const value = options[name] ?? fallback;
    if (!isNonNegativeNumber(value)) {
      problems.push(`${name} must be a non-negative number${variable ? ` (${variable})` : ''}`);
      return fallback;
    }
    return value;
  };
  const cookieMaxAgeSeconds = numberOption(
    'cookieMaxAgeSeconds',
    DEFAULTS.cookieMaxAgeSeconds,
    'WORKOS_COOKIE_MAX_AGE',
  );
  const refreshReplaySeconds = numberOption('refreshReplaySeconds', DEFAULTS.refreshReplaySeconds);
  if (refreshReplaySeconds > MAX_REFRESH_REPLAY_SECONDS) {
    problems.push(`refreshReplaySeconds must be at most ${MAX_REFRESH_REPLAY_SECONDS}`);
  }
  const refreshTimeoutSeconds = numberOption('refreshTimeoutSeconds', DEFAULTS.refreshTimeoutSeconds);
  if (refreshTimeoutSeconds === 0) problems.push('refreshTimeoutSeconds must be greater than 0');
  const refreshBeforeExpirySeconds = numberOption(
    'refreshBeforeExpirySeconds',
    DEFAULTS.refreshBeforeExpirySeconds,
  );
  const sessionCacheMaxEntries = numberOption('sessionCacheMaxEntries', DEFAULTS.sessionCacheMaxEntries);
  const signInMaxPending = numberOption('signInMaxPending', DEFAULTS.signInMaxPending);
  if (signInMaxPending < 1) problems.push('signInMaxPending must be at least 1');
  const signInTtlSeconds = numberOption('signInTtlSeconds', DEFAULTS.signInTtlSeconds);

  if (options.apiHttps !== undefined && typeof options.apiHttps !== 'boolean') {
    problems.push('apiHttps must be true or false (WORKOS_API_HTTPS: true, false, 1, 0, yes, no, on, off)');
  }

  let apiPort: number | undefined;
  if (options.apiPort !== undefined) {
    if (!Number.isInteger(options.apiPort) || options.apiPort < 1 || options.apiPort > 65_535) {
      problems.push('apiPort must be an integer between 1 and 65535 (WORKOS_API_PORT)');
    } else {
      apiPort = options.apiPort;
    }
  }

  const issuer =
    options.issuer === undefined
      ? undefined
      : typeof options.issuer === 'string'
        ? [options.issuer]
        : [...options.issuer];

  const demoMode = options.demoMode === true;
  if (options.demoMode !== undefined && typeof options.demoMode !== 'boolean') {
    problems.push('demoMode must be a boolean (AUTHKIT_DEMO_MODE)');
  }
  if (
    demoMode &&
    (options.apiHttps !== false || !isLoopbackHost(options.apiHostname ?? DEFAULTS.apiHostname))
  ) {
    problems.push(
      'demoMode needs a local emulator: a loopback WORKOS_API_HOSTNAME with WORKOS_API_HTTPS=false',
    );
  }

  if (problems.length > 0) {
    throw new AuthKitError(
      'configuration_invalid',
      `Invalid authkit-ssr configuration:\n- ${problems.join('\n- ')}`,
    );
  }

  return Object.freeze({
    clientId: options.clientId,
    apiKey: options.apiKey,
    redirectUri: options.redirectUri,
    appOrigin,
    cookiePasswords: Object.freeze(passwords),
    apiHostname: options.apiHostname ?? DEFAULTS.apiHostname,
    apiHttps: options.apiHttps ?? DEFAULTS.apiHttps,
    apiPort,
    cookieName,
    cookieDomain: options.cookieDomain || undefined,
    cookieMaxAgeSeconds,
    cookieSameSite: sameSite,
    // Browsers drop SameSite=None cookies that are not Secure.
    cookieSecure: options.cookieSecure ?? (redirectIsHttps || sameSite === 'none'),
    refreshReplaySeconds,
    refreshTimeoutSeconds,
    refreshBeforeExpirySeconds,
    issuer: issuer ? Object.freeze(issuer) : undefined,
    demoMode,
    sessionCacheMaxEntries,
    signInMaxPending,
    signInTtlSeconds,
  });
}

/** `localhost`, `127.0.0.0/8` or `::1`: hosts that can only be this machine. */
function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
