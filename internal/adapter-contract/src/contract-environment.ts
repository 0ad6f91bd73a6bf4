import { randomBytes } from 'node:crypto';
import { type Emulator, type EmulatorOptions, startEmulator } from '@authkit-ssr/emulator';
import { type CommandSpec, freePort, type RunningApp, runCommand, startApp } from './app-process.ts';
import { needsBuild } from './build-once.ts';

/** The paths of an example app that the contract suite drives. */
export interface ContractPaths {
  /** A public page: 200 for everyone. */
  home: string;
  /** A protected page: redirects signed-out visitors (3xx), shows the user's email when signed in. */
  protectedPage: string;
  /**
   * A JSON endpoint that needs auth (a route handler, or the framework's stand-in for a server
   * function): 200 `{ user: { id, email }, organizationId, refresh }` when signed in
   * (`refresh`: `'led' | 'joined' | 'replayed' | null` for this request), 401 when signed out.
   */
  api: string;
  /** The OAuth callback (the path of `WORKOS_REDIRECT_URI`). */
  callback: string;
  /** `GET ?returnTo=<path>` starts a sign-in: a redirect to AuthKit. */
  signIn: string;
  /** The query parameter of `signIn` that names the return path. Default `returnTo`. */
  signInReturnParam?: string;
  /** Signs out: redirect to WorkOS's logout URL and clears the cookie. */
  signOut: { path: string; method: 'GET' | 'POST' };
  /** `POST` with form field `organizationId`: switches organization, answers 2xx or 3xx with the new cookie. */
  switchOrganization: string;
}

/**
 * How to build and start one example app. Framework specifics live here; the suite only speaks
 * HTTP. `start` must return a command whose process is the server itself (node + script), so
 * that stopping it by pid stops the server.
 */
export interface AdapterContractTarget {
  /** Shown in the test names, e.g. `tanstack-start`. */
  name: string;
  /**
   * Production build, run before the server starts unless a global setup built it already
   * (`buildBeforeTests`). Skipped when `AUTHKIT_CONTRACT_SKIP_BUILD=1`.
   */
  build?: CommandSpec;
  /** The production server on `127.0.0.1:port` with `env` (the suite's `WORKOS_*` variables). */
  start(options: { port: number; env: Record<string, string> }): CommandSpec;
  paths: ContractPaths;
  /** Extra environment for the app. */
  env?: Record<string, string>;
  /** Session cookie name. Default `wos-session`. */
  cookieName?: string;
  /**
   * The environment variable that carries the redirect URI, for apps configured the way another kit
   * documents it (e.g. `NEXT_PUBLIC_WORKOS_REDIRECT_URI`). Default `WORKOS_REDIRECT_URI`.
   */
  redirectUriVariable?: string;
  /**
   * `false` when the framework overwrites `Vary` on pages after the middleware ran (Next.js app
   * pages: their `Cache-Control` is `private, no-store` anyway, so no cache stores them). Data
   * routes are always checked for `Vary: Cookie`. Default true.
   */
  varyCookieOnPages?: boolean;
  /** How long the server may take to answer its first request. Default 30 s. */
  startupTimeoutMs?: number;
}

/** A running emulator and app, wired together. */
export interface ContractEnvironment {
  emulator: Emulator;
  app: RunningApp;
  /** The environment the app was started with. */
  env: Record<string, string>;
  cookieName: string;
  stop(): Promise<void>;
}

/**
 * Builds the target (unless built already), starts the emulator and the app on free loopback ports, and wires
 * the app to the emulator through the documented `WORKOS_*` variables.
 */
export async function startContractEnvironment(
  target: AdapterContractTarget,
  options: { emulator?: EmulatorOptions; build?: boolean } = {},
): Promise<ContractEnvironment> {
  if (target.build && options.build !== false && needsBuild(target)) await runCommand(target.build);
  const emulator = await startEmulator({ autoLogin: true, ...options.emulator });
  try {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      WORKOS_CLIENT_ID: emulator.clientId,
      WORKOS_API_KEY: emulator.apiKey,
      WORKOS_API_HOSTNAME: '127.0.0.1',
      WORKOS_API_HTTPS: 'false',
      WORKOS_API_PORT: String(emulator.port),
      [target.redirectUriVariable ?? 'WORKOS_REDIRECT_URI']:
        `http://127.0.0.1:${port}${target.paths.callback}`,
      WORKOS_COOKIE_PASSWORD: randomBytes(32).toString('base64url'),
      ...target.env,
    };
    const spec = target.start({ port, env });
    const app = await startApp(
      { ...spec, env: { ...env, ...spec.env } },
      { port, readyPath: target.paths.home, timeoutMs: target.startupTimeoutMs ?? 30_000 },
    );
    return {
      emulator,
      app,
      env,
      cookieName: target.cookieName ?? 'wos-session',
      async stop() {
        await app.stop();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
