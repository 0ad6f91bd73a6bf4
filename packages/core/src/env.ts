import type { AuthKitOptions, CookieSameSite } from './options.js';

/** Environment variables read by {@link optionsFromEnv}, as documented in the README. */
export const ENV_VARIABLES = [
  'WORKOS_CLIENT_ID',
  'WORKOS_API_KEY',
  'WORKOS_REDIRECT_URI',
  'WORKOS_COOKIE_PASSWORD',
  'WORKOS_COOKIE_NAME',
  'WORKOS_COOKIE_DOMAIN',
  'WORKOS_COOKIE_MAX_AGE',
  'WORKOS_COOKIE_SAMESITE',
  'WORKOS_API_HOSTNAME',
  'WORKOS_API_HTTPS',
  'WORKOS_API_PORT',
  'AUTHKIT_DEMO_MODE',
] as const;

type Env = Readonly<Record<string, string | undefined>>;

function readNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // An unparsable value is passed on as NaN so that resolveOptions reports it instead of ignoring it.
  return Number(value);
}

function readBoolean(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  // An unrecognised value is passed on as is so that resolveOptions reports it instead of guessing.
  return value;
}

function readString(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Maps the documented environment variables to options. Pure: pass `process.env`, SvelteKit's
 * `$env/dynamic/private` or any record. Unset variables are left out so explicit options win:
 * `new AuthKitCore({ ...optionsFromEnv(process.env), ...explicit })`.
 */
export function optionsFromEnv(env: Env): Partial<AuthKitOptions> {
  const options: Partial<AuthKitOptions> = {};
  const set = <K extends keyof AuthKitOptions>(key: K, value: AuthKitOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('clientId', readString(env.WORKOS_CLIENT_ID));
  set('apiKey', readString(env.WORKOS_API_KEY));
  set('redirectUri', readString(env.WORKOS_REDIRECT_URI));
  set('cookiePassword', readString(env.WORKOS_COOKIE_PASSWORD));
  set('cookieName', readString(env.WORKOS_COOKIE_NAME));
  set('cookieDomain', readString(env.WORKOS_COOKIE_DOMAIN));
  set('cookieMaxAgeSeconds', readNumber(env.WORKOS_COOKIE_MAX_AGE));
  set('cookieSameSite', readString(env.WORKOS_COOKIE_SAMESITE)?.toLowerCase() as CookieSameSite | undefined);
  set('apiHostname', readString(env.WORKOS_API_HOSTNAME));
  set('apiHttps', readBoolean(env.WORKOS_API_HTTPS) as boolean | undefined);
  set('apiPort', readNumber(env.WORKOS_API_PORT));
  set('demoMode', readBoolean(env.AUTHKIT_DEMO_MODE) as boolean | undefined);
  return options;
}
