import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { type EmulatorSeed, loadSeed } from './seed.js';
import { type Emulator, startEmulator } from './start-emulator.js';

/** The example apps' port and OAuth callback path: `run`'s defaults and the CLI's hint. */
export const DEFAULT_APP_PORT = 3000;
export const DEFAULT_CALLBACK_PATH = '/api/auth/callback';

export const RUN_USAGE = `Usage: authkit-emulator run [options] -- <command> [args...]

Runs <command> against a fresh emulator: WORKOS_CLIENT_ID, WORKOS_API_KEY, WORKOS_API_HOSTNAME,
WORKOS_API_HTTPS and WORKOS_API_PORT point at it, WORKOS_REDIRECT_URI and WORKOS_COOKIE_PASSWORD
get demo defaults unless set, and PORT is the app's port. With WORKOS_API_KEY or WORKOS_CLIENT_ID
already set, it runs <command> as is, against real WorkOS. Exits with the command's exit code.

  --port <n>            emulator port (default $EMULATOR_PORT, else any free port)
  --app-port <n>        the app's port, for PORT and the redirect URI (default $PORT, else 3000)
  --callback-path <p>   path of the app's OAuth callback (default /api/auth/callback)
  --seed <file>         JSON seed file (default: the built-in demo users)
  -h, --help`;

/** Not a secret: only ever used with the emulator, whose tokens anyone can mint anyway. */
const DEMO_COOKIE_PASSWORD = 'emulator-demo-cookie-password-not-a-secret-0123';

/** Parses a numeric flag, or prints the usage and exits 2. */
export function numberFlag(flag: string, value: string | undefined, usage: string): number {
  const number = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(number)) {
    console.error(`${flag} must be a number.\n\n${usage}`);
    process.exit(2);
  }
  return number;
}

/**
 * `authkit-emulator run`: starts the emulator (unless real WorkOS credentials are set), runs the
 * command with the environment that points an app at it, forwards SIGINT/SIGTERM, stops the
 * emulator when the command ends, and resolves with the command's exit code.
 */
export async function runWithEmulator(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const [command, ...commandArgs] = separator === -1 ? [] : argv.slice(separator + 1);
  let values: { port?: string; 'app-port'?: string; 'callback-path'?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: separator === -1 ? argv : argv.slice(0, separator),
      options: {
        port: { type: 'string' },
        'app-port': { type: 'string' },
        'callback-path': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  if (!command) {
    console.error(`authkit-emulator run: no command after --.\n\n${RUN_USAGE}`);
    return 2;
  }

  const appPort = numberFlag(
    '--app-port',
    values['app-port'] ?? process.env.PORT ?? String(DEFAULT_APP_PORT),
    RUN_USAGE,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort) };
  let emulator: Emulator | undefined;

  if (env.WORKOS_API_KEY || env.WORKOS_CLIENT_ID) {
    if (!env.WORKOS_REDIRECT_URI || !env.WORKOS_COOKIE_PASSWORD) {
      console.error(
        'authkit-emulator run: with real WorkOS (WORKOS_API_KEY / WORKOS_CLIENT_ID set), set WORKOS_REDIRECT_URI and WORKOS_COOKIE_PASSWORD (32+ characters) too.',
      );
      return 2;
    }
  } else {
    const seed = loadSeed(values.seed);
    try {
      emulator = await startEmulator({
        port: numberFlag('--port', values.port ?? process.env.EMULATOR_PORT ?? '0', RUN_USAGE),
        seed,
      });
    } catch (error) {
      console.error(`authkit-emulator run: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    Object.assign(env, {
      WORKOS_CLIENT_ID: emulator.clientId,
      WORKOS_API_KEY: emulator.apiKey,
      WORKOS_API_HOSTNAME: new URL(emulator.url).hostname.replace(/^\[|\]$/g, ''),
      WORKOS_API_HTTPS: 'false',
      WORKOS_API_PORT: String(emulator.port),
    });
    env.WORKOS_REDIRECT_URI ||= `http://127.0.0.1:${appPort}${values['callback-path'] ?? DEFAULT_CALLBACK_PATH}`;
    env.WORKOS_COOKIE_PASSWORD ||= DEMO_COOKIE_PASSWORD;
    console.log(`
  WorkOS emulator  ${emulator.url}
  App              http://127.0.0.1:${appPort}
  Test users       ${describeUsers(seed).join('\n                   ') || '(none seeded)'}
`);
  }

  const exitCode = await runChild(spawn(command, commandArgs, { stdio: 'inherit', env }));
  await emulator?.stop();
  return exitCode;
}

/** `email / password   (Acme admin, Globex member)` for each seeded user. */
function describeUsers(seed: EmulatorSeed): string[] {
  const organizationName = (ref: string) =>
    seed.organizations?.find((organization) => organization.id === ref || organization.name === ref)?.name ??
    ref;
  return (seed.users ?? []).map((user) => {
    const credentials = `${user.email}${user.password ? ` / ${user.password}` : ''}`;
    const memberships = (seed.memberships ?? [])
      .filter((membership) => membership.user === user.email || membership.user === user.id)
      .map((membership) => `${organizationName(membership.organization)} ${membership.role ?? 'member'}`);
    return memberships.length > 0 ? `${credentials.padEnd(30)} (${memberships.join(', ')})` : credentials;
  });
}

/** Forwards SIGINT/SIGTERM to the child and resolves with its exit code (128 + signal number when killed). */
function runChild(child: ChildProcess): Promise<number> {
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    const done = (code: number) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.once('error', (error) => {
      console.error(`authkit-emulator run: ${error.message}`);
      done(127);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  });
}
