import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AuthKitCore,
  type AuthKitOptions,
  createWorkOSApi,
  DEFAULTS,
  ENV_VARIABLES,
  isAuthKitError,
  optionsFromEnv,
  type Session,
  unsealSession,
} from '../src/index.ts';
import { COOKIE_PASSWORD, makeUser } from './fake-workos.ts';

const ENV_PASSWORD = 'an-environment-cookie-password-of-32-chars+';

const BASE_OPTIONS: AuthKitOptions = {
  clientId: 'client_base',
  apiKey: 'sk_base',
  redirectUri: 'http://localhost:3000/callback',
  cookiePassword: COOKIE_PASSWORD,
};

// Sealing never verifies the token, so a static session is enough to observe the written cookie.
const SESSION: Session = { accessToken: 'at', refreshToken: 'rt', user: makeUser() };

function configurationError(build: () => unknown): Error & { code?: string } {
  try {
    build();
  } catch (error) {
    if (isAuthKitError(error)) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

function attribute(setCookie: string, name: string): string | undefined {
  const found = setCookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.toLowerCase().startsWith(`${name.toLowerCase()}=`) || part === name);
  if (found === undefined) return undefined;
  const separator = found.indexOf('=');
  return separator === -1 ? '' : found.slice(separator + 1);
}

async function writtenSessionCookie(core: AuthKitCore): Promise<string> {
  const [setCookie] = core.serializeSessionCookies(await core.sealSession(SESSION));
  return setCookie!;
}

describe('resolveOptions', () => {
  it('lists every problem in one configuration_invalid error', () => {
    const error = configurationError(
      () =>
        new AuthKitCore({
          clientId: '',
          apiKey: '  ',
          redirectUri: '',
          cookiePassword: 'too-short',
          cookieSameSite: 'sideways' as 'lax',
          apiPort: 70_000,
          refreshReplaySeconds: 61,
          cookieMaxAgeSeconds: -1,
          cookieName: 'bad name;',
          refreshTimeoutSeconds: 0,
          signInMaxPending: 0,
          sessionCacheMaxEntries: Number.NaN,
        }),
    );
    expect(error.code).toBe('configuration_invalid');
    expect(isAuthKitError(error) && error.status).toBe(500);
    const lines = error.message.split('\n').filter((line) => line.startsWith('- '));
    const expected = [
      'clientId is required (WORKOS_CLIENT_ID)',
      'apiKey is required (WORKOS_API_KEY)',
      'redirectUri is required (WORKOS_REDIRECT_URI)',
      'cookiePassword must be at least 32 characters (WORKOS_COOKIE_PASSWORD)',
      'cookieName must be a valid cookie name (WORKOS_COOKIE_NAME)',
      "cookieSameSite must be 'lax', 'strict' or 'none' (WORKOS_COOKIE_SAMESITE)",
      'cookieMaxAgeSeconds must be a non-negative number (WORKOS_COOKIE_MAX_AGE)',
      'refreshReplaySeconds must be at most 60',
      'refreshTimeoutSeconds must be greater than 0',
      'sessionCacheMaxEntries must be a non-negative number',
      'signInMaxPending must be at least 1',
      'apiPort must be an integer between 1 and 65535 (WORKOS_API_PORT)',
    ];
    for (const problem of expected) expect(lines).toContain(`- ${problem}`);
    expect(lines).toHaveLength(expected.length);
    // The rejected password is not echoed.
    expect(error.message).not.toContain('too-short');
  });

  it('reports a missing password, a non-http redirect URI and each short password of a rotation list', () => {
    const missing = configurationError(
      () => new AuthKitCore({ ...BASE_OPTIONS, cookiePassword: [], redirectUri: 'ftp://files.example/cb' }),
    );
    expect(missing.message).toContain('cookiePassword is required (WORKOS_COOKIE_PASSWORD)');
    expect(missing.message).toContain('redirectUri must be an absolute http(s) URL (WORKOS_REDIRECT_URI)');

    const rotation = configurationError(
      () => new AuthKitCore({ ...BASE_OPTIONS, cookiePassword: [COOKIE_PASSWORD, 'short'] }),
    );
    expect(rotation.message).toContain('cookiePassword[1] must be at least 32 characters');
    expect(rotation.message).not.toContain('cookiePassword[0]');
    expect(() => new AuthKitCore({ ...BASE_OPTIONS, redirectUri: '/callback' })).toThrow(/absolute http/);
  });

  it('accepts the boundaries: 60 s of replay, port 65535, a 32-character password', () => {
    const core = new AuthKitCore({
      ...BASE_OPTIONS,
      cookiePassword: 'x'.repeat(32),
      refreshReplaySeconds: 60,
      apiPort: 65_535,
    });
    expect(core.options.refreshReplaySeconds).toBe(60);
    expect(core.options.apiPort).toBe(65_535);
    expect(() => new AuthKitCore({ ...BASE_OPTIONS, cookiePassword: 'x'.repeat(31) })).toThrow(/at least 32/);
  });

  it('applies DEFAULTS and freezes the result', () => {
    const core = new AuthKitCore(BASE_OPTIONS);
    expect(core.options).toMatchObject({
      apiHostname: DEFAULTS.apiHostname,
      apiHttps: DEFAULTS.apiHttps,
      apiPort: undefined,
      cookieName: DEFAULTS.cookieName,
      cookieDomain: undefined,
      cookieMaxAgeSeconds: DEFAULTS.cookieMaxAgeSeconds,
      cookieSameSite: DEFAULTS.cookieSameSite,
      cookieSecure: false,
      refreshReplaySeconds: DEFAULTS.refreshReplaySeconds,
      refreshTimeoutSeconds: DEFAULTS.refreshTimeoutSeconds,
      refreshBeforeExpirySeconds: DEFAULTS.refreshBeforeExpirySeconds,
      issuer: undefined,
      sessionCacheMaxEntries: DEFAULTS.sessionCacheMaxEntries,
      signInMaxPending: DEFAULTS.signInMaxPending,
      signInTtlSeconds: DEFAULTS.signInTtlSeconds,
      appOrigin: 'http://localhost:3000',
      cookiePasswords: [COOKIE_PASSWORD],
    });
    expect(DEFAULTS).toMatchObject({
      cookieName: 'wos-session',
      cookieMaxAgeSeconds: 400 * 24 * 60 * 60,
      cookieSameSite: 'lax',
      refreshReplaySeconds: 10,
    });
    expect(Object.isFrozen(core.options)).toBe(true);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('writes the default cookie: HttpOnly, SameSite=Lax, Path=/, 400 days, host-only', async () => {
    const setCookie = await writtenSessionCookie(new AuthKitCore(BASE_OPTIONS));
    expect(setCookie).toMatch(/^wos-session=Fe26\.2\*/);
    expect(attribute(setCookie, 'Path')).toBe('/');
    expect(attribute(setCookie, 'HttpOnly')).toBe('');
    expect(attribute(setCookie, 'SameSite')).toBe('Lax');
    expect(attribute(setCookie, 'Max-Age')).toBe(String(DEFAULTS.cookieMaxAgeSeconds));
    expect(attribute(setCookie, 'Domain')).toBeUndefined();
    expect(attribute(setCookie, 'Secure')).toBeUndefined();
  });

  it.each([
    ['an https redirect URI', { redirectUri: 'https://app.example/callback' }, true],
    ['SameSite=None on http', { cookieSameSite: 'none' as const }, true],
    ['http and SameSite=Lax', {}, false],
    [
      'an explicit cookieSecure: false on https',
      { redirectUri: 'https://app.example/cb', cookieSecure: false },
      false,
    ],
  ])('marks cookies Secure for %s: %s', async (_, overrides, secure) => {
    const core = new AuthKitCore({ ...BASE_OPTIONS, ...overrides });
    expect(core.options.cookieSecure).toBe(secure);
    const setCookie = await writtenSessionCookie(core);
    expect(attribute(setCookie, 'Secure') !== undefined).toBe(secure);
    const signIn = (await core.getSignInUrl()).setCookies[0]!;
    expect(attribute(signIn, 'Secure') !== undefined).toBe(secure);
  });
});

interface EnvCase {
  value: string;
  expected: string;
  /** Options both cores start from, when the variable needs more than BASE_OPTIONS. */
  base?: Partial<AuthKitOptions>;
  observe: (core: AuthKitCore) => Promise<string> | string;
}

async function signInUrl(core: AuthKitCore): Promise<URL> {
  return new URL((await core.getSignInUrl()).url);
}

// One row per documented variable: what it changes that a user can see.
const ENV_CASES: Record<(typeof ENV_VARIABLES)[number], EnvCase> = {
  WORKOS_CLIENT_ID: {
    value: 'client_env',
    expected: 'client_env',
    observe: async (core) => (await signInUrl(core)).searchParams.get('client_id') ?? '',
  },
  WORKOS_API_KEY: {
    value: 'sk_env',
    expected: 'sk_env',
    observe: (core) => core.options.apiKey,
  },
  WORKOS_REDIRECT_URI: {
    value: 'https://app.example/auth/callback',
    expected: 'https://app.example/auth/callback',
    observe: async (core) => (await signInUrl(core)).searchParams.get('redirect_uri') ?? '',
  },
  WORKOS_COOKIE_PASSWORD: {
    value: ENV_PASSWORD,
    expected: 'sealed with the environment password',
    observe: async (core) => {
      const value = (await writtenSessionCookie(core)).split(';')[0]!.split('=')[1]!;
      return unsealSession(value, [ENV_PASSWORD]).then(
        () => 'sealed with the environment password',
        () => 'sealed with another password',
      );
    },
  },
  WORKOS_COOKIE_NAME: {
    value: 'app-session',
    expected: 'app-session',
    observe: async (core) => (await writtenSessionCookie(core)).split('=')[0]!,
  },
  WORKOS_COOKIE_DOMAIN: {
    value: '.example.com',
    expected: '.example.com',
    observe: async (core) => attribute(await writtenSessionCookie(core), 'Domain') ?? '(host-only)',
  },
  WORKOS_COOKIE_MAX_AGE: {
    value: '3600',
    expected: '3600',
    observe: async (core) => attribute(await writtenSessionCookie(core), 'Max-Age') ?? '',
  },
  WORKOS_COOKIE_SAMESITE: {
    value: 'Strict',
    expected: 'Strict',
    observe: async (core) => attribute(await writtenSessionCookie(core), 'SameSite') ?? '',
  },
  WORKOS_API_HOSTNAME: {
    value: 'auth.example.test',
    expected: 'auth.example.test',
    observe: async (core) => (await signInUrl(core)).hostname,
  },
  WORKOS_API_HTTPS: {
    value: 'false',
    expected: 'http:',
    observe: async (core) => (await signInUrl(core)).protocol,
  },
  WORKOS_API_PORT: {
    value: '8443',
    expected: '8443',
    observe: async (core) => (await signInUrl(core)).port,
  },
  AUTHKIT_DEMO_MODE: {
    value: 'true',
    expected: 'true',
    // Demo mode exists only on a local emulator.
    base: { apiHostname: '127.0.0.1', apiHttps: false },
    observe: (core) => String(core.options.demoMode),
  },
};

describe('optionsFromEnv', () => {
  it('has a test row for every documented variable', () => {
    expect(Object.keys(ENV_CASES).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it.each(ENV_VARIABLES)('%s observably changes the core', async (variable) => {
    const row = ENV_CASES[variable];
    // Default WorkOS API (the real SDK): sign-in URLs are built locally, no network.
    const without = new AuthKitCore({ ...BASE_OPTIONS, ...row.base });
    const withVariable = new AuthKitCore({
      ...BASE_OPTIONS,
      ...row.base,
      ...optionsFromEnv({ [variable]: row.value }),
    });
    const observed = await row.observe(withVariable);
    expect(observed).toBe(row.expected);
    expect(await row.observe(without)).not.toBe(observed);
  });

  it('builds a working configuration from the environment alone', async () => {
    const core = new AuthKitCore(
      optionsFromEnv({
        WORKOS_CLIENT_ID: 'client_env',
        WORKOS_API_KEY: 'sk_env',
        WORKOS_REDIRECT_URI: 'https://app.example/callback',
        WORKOS_COOKIE_PASSWORD: ENV_PASSWORD,
        WORKOS_COOKIE_SAMESITE: 'NONE',
        WORKOS_API_HOSTNAME: 'localhost',
        WORKOS_API_HTTPS: 'off',
        WORKOS_API_PORT: '4100',
        UNRELATED: 'ignored',
      }) as AuthKitOptions,
    );
    expect(core.options).toMatchObject({
      clientId: 'client_env',
      apiKey: 'sk_env',
      appOrigin: 'https://app.example',
      cookieSameSite: 'none',
      cookieSecure: true,
      apiHostname: 'localhost',
      apiHttps: false,
      apiPort: 4100,
    });
    const api = createWorkOSApi({
      clientId: core.options.clientId,
      apiKey: core.options.apiKey,
      apiHostname: core.options.apiHostname,
      apiHttps: core.options.apiHttps,
      apiPort: core.options.apiPort,
      timeoutSeconds: core.options.refreshTimeoutSeconds,
    });
    expect(api.getJwksUrl()).toBe('http://localhost:4100/sso/jwks/client_env');
  });

  it('sends the API key and client id from the environment to the API host, scheme and port from the environment', async () => {
    const seen: Array<{ path: string; authorization: string | undefined; body: string }> = [];
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        seen.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
        response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_grant', error_description: 'Refresh token not found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const core = new AuthKitCore({
        ...BASE_OPTIONS,
        ...optionsFromEnv({
          WORKOS_CLIENT_ID: 'client_env',
          WORKOS_API_KEY: 'sk_env_secret',
          WORKOS_API_HOSTNAME: '127.0.0.1',
          WORKOS_API_HTTPS: 'false',
          WORKOS_API_PORT: String(port),
        }),
      });
      const error = await core.refreshSession(SESSION).catch((caught: unknown) => caught);
      expect(isAuthKitError(error) && error.code).toBe('refresh_rejected');
      expect(seen).toHaveLength(1);
      expect(seen[0]!.path).toBe('/user_management/authenticate');
      const body = JSON.parse(seen[0]!.body) as Record<string, string>;
      expect(body.client_id).toBe('client_env');
      expect(body.grant_type).toBe('refresh_token');
      const credentials = [seen[0]!.authorization, body.client_secret].join(' ');
      expect(credentials).toContain('sk_env_secret');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('lets explicit options win over the environment', () => {
    const env = {
      WORKOS_CLIENT_ID: 'client_env',
      WORKOS_API_KEY: 'sk_env',
      WORKOS_REDIRECT_URI: 'https://env.example/callback',
      WORKOS_COOKIE_PASSWORD: ENV_PASSWORD,
      WORKOS_COOKIE_NAME: 'env-session',
      WORKOS_COOKIE_DOMAIN: '.env.example',
      WORKOS_COOKIE_MAX_AGE: '60',
      WORKOS_COOKIE_SAMESITE: 'strict',
      WORKOS_API_HOSTNAME: 'env.workos.test',
      WORKOS_API_HTTPS: 'false',
      WORKOS_API_PORT: '1234',
    };
    const explicit = {
      clientId: 'client_explicit',
      apiKey: 'sk_explicit',
      redirectUri: 'http://localhost:3000/callback',
      cookiePassword: COOKIE_PASSWORD,
      cookieName: 'explicit-session',
      cookieDomain: '.explicit.example',
      cookieMaxAgeSeconds: 120,
      cookieSameSite: 'none' as const,
      apiHostname: 'explicit.workos.test',
      apiHttps: true,
      apiPort: 4321,
    };
    const core = new AuthKitCore({ ...optionsFromEnv(env), ...explicit });
    const { cookiePassword, redirectUri, ...rest } = explicit;
    expect(core.options).toMatchObject({
      ...rest,
      cookiePasswords: [cookiePassword],
      redirectUri,
      appOrigin: 'http://localhost:3000',
    });
  });

  it('leaves unset and empty variables out, so they never override', () => {
    expect(optionsFromEnv({})).toEqual({});
    expect(
      optionsFromEnv({ WORKOS_COOKIE_DOMAIN: '', WORKOS_COOKIE_MAX_AGE: ' ', WORKOS_API_HTTPS: '' }),
    ).toEqual({});
  });

  it('reports the missing required variables by name', () => {
    const error = configurationError(() => new AuthKitCore(optionsFromEnv({}) as AuthKitOptions));
    for (const variable of [
      'WORKOS_CLIENT_ID',
      'WORKOS_API_KEY',
      'WORKOS_REDIRECT_URI',
      'WORKOS_COOKIE_PASSWORD',
    ]) {
      expect(error.message).toContain(variable);
    }
  });

  it('reports unparsable values instead of ignoring them', () => {
    const error = configurationError(
      () =>
        new AuthKitCore({
          ...BASE_OPTIONS,
          ...optionsFromEnv({
            WORKOS_COOKIE_MAX_AGE: 'ten',
            WORKOS_API_PORT: '80a',
            WORKOS_COOKIE_SAMESITE: 'sometimes',
            WORKOS_API_HTTPS: 'maybe',
          }),
        }),
    );
    expect(error.code).toBe('configuration_invalid');
    expect(error.message).toContain('WORKOS_COOKIE_MAX_AGE');
    expect(error.message).toContain('WORKOS_API_PORT');
    expect(error.message).toContain('WORKOS_COOKIE_SAMESITE');
    expect(error.message).toContain('WORKOS_API_HTTPS');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['ON', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['Off', false],
  ])('reads WORKOS_API_HTTPS=%s as %s', (value, expected) => {
    const core = new AuthKitCore({ ...BASE_OPTIONS, ...optionsFromEnv({ WORKOS_API_HTTPS: value }) });
    expect(core.options.apiHttps).toBe(expected);
  });
});
