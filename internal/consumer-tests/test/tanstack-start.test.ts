import { it } from 'vitest';
import { runInConsumerApp } from '../src/consumer-app.ts';
import { packageBin } from '../src/package-bin.ts';
import { runConsumerContract } from '../src/run-consumer-contract.ts';

// examples/tanstack-start: the Vite build served by srvx, as the example's start script does.
const app = runConsumerContract({
  example: 'tanstack-start',
  start: (appDir, port) => ({
    command: process.execPath,
    args: [
      packageBin(appDir, 'srvx', 'srvx'),
      'serve',
      '--prod',
      '--host',
      '127.0.0.1',
      '-p',
      String(port),
      '--entry',
      'dist/server/server.js',
      '-s',
      '../client',
    ],
    cwd: appDir,
  }),
});

it('type-checks the app against the published type declarations (tsc)', async () => {
  await runInConsumerApp(app().dir, 'npm', ['run', 'typecheck']);
});
