import { type AuthKitCore, type AuthKitOptions, getAuthKitCore, optionsFromEnv } from '@authkit-ssr/core';

/**
 * The options of `configureAuthKit` and `authKitHandle({ config })`: the fields of
 * `@workos/authkit-sveltekit`'s config (`clientId`, `apiKey`, `redirectUri`, `cookiePassword`,
 * `cookieName`, `cookieDomain`, `cookieMaxAge`) and every option of `@authkit-ssr/core`
 * (`refreshCoordinator`, `cookieSameSite`, …). All are optional: what is left out comes from the
 * `WORKOS_*` environment variables.
 */
export interface AuthKitConfig extends Partial<AuthKitOptions> {
  /** Seconds; the kit's name for `cookieMaxAgeSeconds`. Default 400 days. */
  cookieMaxAge?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

// On globalThis: the build may hold several copies of this module (hooks and routes bundled
// apart), and `configureAuthKit` in one must reach the handle in another.
const CONFIG_KEY = Symbol.for('@authkit-ssr/sveltekit/config');

interface ConfigSlot {
  config?: AuthKitConfig;
  env?: Env;
}

function slot(): ConfigSlot {
  const holder = globalThis as { [CONFIG_KEY]?: ConfigSlot };
  holder[CONFIG_KEY] ??= {};
  return holder[CONFIG_KEY];
}

/**
 * Sets the options once for the app, e.g. from `$env/dynamic/private` (SvelteKit 2) or
 * `$app/env/private` (SvelteKit 3). Optional: without it the `WORKOS_*` variables are read from
 * `process.env`. Checked on the first request (not here, since `vite build` imports
 * `hooks.server.ts` without the runtime environment).
 *
 * @example
 * ```ts
 * // src/hooks.server.ts
 * import { env } from '$env/dynamic/private';
 * configureAuthKit({ clientId: env.WORKOS_CLIENT_ID, apiKey: env.WORKOS_API_KEY,
 *   redirectUri: env.WORKOS_REDIRECT_URI, cookiePassword: env.WORKOS_COOKIE_PASSWORD });
 * export const handle = authKitHandle();
 * ```
 */
export function configureAuthKit(config: AuthKitConfig, options: { env?: Env } = {}): void {
  slot().config = config;
  if (options.env) slot().env = options.env;
}

/**
 * The process's core for the configured options: `WORKOS_*` variables (from `env` when given,
 * else `process.env`), then `configureAuthKit`'s options, then `explicit` ones.
 *
 * @throws {AuthKitError} `configuration_invalid` listing every missing or invalid option.
 */
export function resolveCore(explicit: { config?: AuthKitConfig; env?: Env } = {}): AuthKitCore {
  const { config: configured, env: configuredEnv } = slot();
  const env = explicit.env ?? configuredEnv ?? processEnv();
  const merged = {
    ...optionsFromEnv(env),
    ...withoutKitNames(configured),
    ...withoutKitNames(explicit.config),
  };
  return getAuthKitCore(merged as AuthKitOptions);
}

function withoutKitNames(config: AuthKitConfig | undefined): Partial<AuthKitOptions> {
  if (!config) return {};
  const { cookieMaxAge, ...options } = config;
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return cookieMaxAge === undefined ? defined : { cookieMaxAgeSeconds: cookieMaxAge, ...defined };
}

// Edge runtimes may have no `process` at all.
function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}
