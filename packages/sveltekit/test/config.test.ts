import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { configureAuthKit, resolveCore } from '../src/config.ts';

const env = (extra: Record<string, string> = {}) => ({
  WORKOS_CLIENT_ID: 'client_01CONFIGTEST',
  WORKOS_API_KEY: 'sk_test_config',
  WORKOS_REDIRECT_URI: 'http://127.0.0.1:5173/callback',
  WORKOS_COOKIE_PASSWORD: randomBytes(32).toString('base64url'),
  ...extra,
});

// Where the options come from, as @workos/authkit-sveltekit documents it: configureAuthKit or
// authKitHandle({ config }), else the WORKOS_* variables of process.env; ours adds `env` and every
// documented variable underneath.
describe('options of the SvelteKit adapter', () => {
  const saved = { ...process.env };
  afterEach(() => {
    configureAuthKit({});
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('reads the WORKOS_* variables from process.env when nothing is passed', () => {
    Object.assign(process.env, env({ WORKOS_COOKIE_NAME: 'from-process-env' }));
    const core = resolveCore();
    expect(core.options.clientId).toBe('client_01CONFIGTEST');
    expect(core.options.cookieName).toBe('from-process-env');
  });

  it('lets configureAuthKit win over the environment, and keeps the variables it leaves out', () => {
    const variables = env({ WORKOS_COOKIE_NAME: 'from-env', WORKOS_API_HOSTNAME: 'workos.internal' });
    // What $env/dynamic/private gives on SvelteKit 3 for undeclared variables: undefined.
    configureAuthKit({ clientId: undefined, cookieName: 'configured', cookieMaxAge: 60 });
    const core = resolveCore({ env: variables });
    expect(core.options.clientId).toBe('client_01CONFIGTEST');
    expect(core.options.cookieName).toBe('configured');
    expect(core.options.cookieMaxAgeSeconds).toBe(60);
    expect(core.options.apiHostname).toBe('workos.internal');
  });

  it('lets the handle config win over configureAuthKit', () => {
    configureAuthKit({ cookieName: 'configured' });
    const core = resolveCore({ env: env(), config: { cookieName: 'from-handle' } });
    expect(core.options.cookieName).toBe('from-handle');
  });

  it('reports every missing required option at once', () => {
    expect(() => resolveCore({ env: {} })).toThrow(
      expect.objectContaining({
        code: 'configuration_invalid',
        message: expect.stringContaining('clientId'),
      }),
    );
  });
});
