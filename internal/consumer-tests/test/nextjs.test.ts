import { it } from 'vitest';
import { runInConsumerApp } from '../src/consumer-app.ts';
import { packageBin } from '../src/package-bin.ts';
import { runConsumerContract } from '../src/run-consumer-contract.ts';

// examples/nextjs (proxy.ts on Node.js), `next start` as the server process itself.
const app = runConsumerContract({
  example: 'nextjs',
  start: (appDir, port) => ({
    command: process.execPath,
    args: [packageBin(appDir, 'next', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    cwd: appDir,
  }),
  startupTimeoutMs: 60_000,
  // Next.js sets Vary on app pages after the proxy ran (their Cache-Control is private, no-store).
  varyCookieOnPages: false,
});

it('type-checks the app against the published type declarations (next typegen, tsc)', async () => {
  await runInConsumerApp(app().dir, 'npm', ['run', 'typecheck']);
});
