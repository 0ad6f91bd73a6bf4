#!/usr/bin/env node
// Runs the example (`dev`: next dev, `start`: the production build) on 127.0.0.1:$PORT (default
// 3000). Without WORKOS_API_KEY / WORKOS_CLIENT_ID in the environment it first starts the WorkOS
// emulator in this process and points the app at it; with them, the app talks to real WorkOS (set
// WORKOS_REDIRECT_URI and WORKOS_COOKIE_PASSWORD too).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const mode = process.argv[2];
if (mode !== 'dev' && mode !== 'start') {
  console.error('Usage: node scripts/with-emulator.mjs dev|start');
  process.exit(2);
}
const port = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: '1' };
let emulator;

if (!env.WORKOS_API_KEY && !env.WORKOS_CLIENT_ID) {
  let startEmulator;
  try {
    ({ startEmulator } = await import('@authkit-ssr/emulator'));
  } catch (error) {
    console.error('The emulator is not built yet: run `pnpm build` at the repository root first.\n', error);
    process.exit(1);
  }
  emulator = await startEmulator({ port: Number(env.EMULATOR_PORT ?? 0) });
  Object.assign(env, {
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_KEY: emulator.apiKey,
    WORKOS_API_HOSTNAME: '127.0.0.1',
    WORKOS_API_HTTPS: 'false',
    WORKOS_API_PORT: String(emulator.port),
  });
  env.WORKOS_REDIRECT_URI ??= `http://127.0.0.1:${port}/api/auth/callback`;
  env.WORKOS_COOKIE_PASSWORD ??= 'emulator-demo-cookie-password-not-a-secret-0123';
  console.log(`
  WorkOS emulator  ${emulator.url}
  App              http://127.0.0.1:${port}
  Test users       ada@example.com / password   (Acme admin, Globex member: try the organization switch)
                   grace@example.com / password (Globex admin)
`);
} else if (!env.WORKOS_REDIRECT_URI || !env.WORKOS_COOKIE_PASSWORD) {
  console.error('With real WorkOS, set WORKOS_REDIRECT_URI and WORKOS_COOKIE_PASSWORD (32+ characters) too.');
  process.exit(2);
}

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, mode, '-H', '127.0.0.1', '-p', port], {
  stdio: 'inherit',
  env,
  cwd: fileURLToPath(new URL('..', import.meta.url)),
});
child.on('error', async (error) => {
  console.error(error);
  await emulator?.stop();
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await emulator?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
