#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_APP_PORT, DEFAULT_CALLBACK_PATH, numberFlag, runWithEmulator } from './run-command.js';
import { startEmulator } from './start-emulator.js';

const USAGE = `Usage: authkit-emulator [options]
       authkit-emulator run [--port P] [--app-port 3000] [--callback-path /api/auth/callback] -- <command> [args...]
                           (see authkit-emulator run --help)

  --port <n>          port to listen on (default 4100; 0 for any free port)
  --host <addr>       interface (default 127.0.0.1)
  --seed <file>       JSON seed file (users, organizations, memberships, roles, impersonations)
  --auto              headless sign-in: authorize redirects at once (login_hint user, else the first)
  --client-id <id>    default client_emulator
  --api-key <key>     default sk_test_emulator
  --access-token-ttl <seconds>    default 300
  --refresh-grace <seconds>       reuse grace for refresh tokens, default 0 (strict single use)
  --signing-key <file>            persist the signing key in this JSON file (default: derived, stable)
  --issuer <url>      iss claim (default <url>/user_management/<client id>)
  -h, --help`;

if (process.argv[2] === 'run') process.exit(await runWithEmulator(process.argv.slice(3)));

const { values } = parseCommandLine();

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '4100' },
        host: { type: 'string' },
        seed: { type: 'string' },
        auto: { type: 'boolean', default: false },
        'client-id': { type: 'string' },
        'api-key': { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'refresh-grace': { type: 'string' },
        'signing-key': { type: 'string' },
        issuer: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const emulator = await startEmulator({
  port: toNumber('--port', values.port),
  autoLogin: values.auto,
  ...(values.host ? { host: values.host } : {}),
  ...(values.seed ? { seed: values.seed } : {}),
  ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
  ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
  ...(values['access-token-ttl']
    ? { accessTokenTtlSeconds: toNumber('--access-token-ttl', values['access-token-ttl']) }
    : {}),
  ...(values['refresh-grace']
    ? { refreshReuseGraceSeconds: toNumber('--refresh-grace', values['refresh-grace']) }
    : {}),
  ...(values['signing-key'] ? { signingKey: values['signing-key'] } : {}),
  ...(values.issuer ? { issuer: values.issuer } : {}),
}).catch((error: unknown) => {
  console.error(`authkit-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const hostname = new URL(emulator.url).hostname.replace(/^\[|\]$/g, '');
console.log(`WorkOS emulator listening on ${emulator.url}${values.auto ? ' (auto sign-in)' : ''}

# Environment for an app using it:
WORKOS_CLIENT_ID=${emulator.clientId}
WORKOS_API_KEY=${emulator.apiKey}
WORKOS_API_HOSTNAME=${hostname}
WORKOS_API_HTTPS=false
WORKOS_API_PORT=${emulator.port}
# Also set WORKOS_COOKIE_PASSWORD to at least 32 random characters (e.g. \`openssl rand -base64 24\`)
# and WORKOS_REDIRECT_URI to your app's callback; the example apps' is:
# WORKOS_REDIRECT_URI=http://127.0.0.1:${DEFAULT_APP_PORT}${DEFAULT_CALLBACK_PATH}

JWKS: ${emulator.jwksUrl}
Control API: ${emulator.url}/__emulator (stats, faults, reset, rotate-key, sessions)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

function toNumber(flag: string, value: string | undefined): number {
  return numberFlag(flag, value, USAGE);
}
