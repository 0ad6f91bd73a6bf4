import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runInConsumerApp } from '../src/consumer-app.ts';
import { runConsumerContract } from '../src/run-consumer-contract.ts';

// examples/sveltekit with @sveltejs/adapter-node, served by the example's own server.js.
const app = runConsumerContract({
  example: 'sveltekit',
  start: (appDir, port) => ({
    command: process.execPath,
    args: ['server.js', '--host', '127.0.0.1', '--port', String(port)],
    cwd: appDir,
  }),
});

it('type-checks the app against the published type declarations (svelte-check)', async () => {
  await runInConsumerApp(app().dir, 'npm', ['run', 'typecheck']);
});

it('loads the framework-free packages with plain Node from the app (every file their modules import is packed)', async () => {
  const script = `
    const core = await import('@authkit-ssr/core');
    const client = await import('@authkit-ssr/core/client');
    const redis = await import('@authkit-ssr/redis');
    const emulator = await import('@authkit-ssr/emulator');
    console.log(JSON.stringify([core, client, redis, emulator].map((module) => Object.keys(module))));`;
  const output = await runInConsumerApp(app().dir, process.execPath, ['--input-type=module', '-e', script]);
  const [core, client, redis, emulator] = JSON.parse(output) as string[][];
  expect(core).toContain('AuthKitCore');
  expect(client?.length).toBeGreaterThan(0);
  expect(redis).toContain('createRedisRefreshCoordinatorFromUrl');
  expect(emulator).toContain('startEmulator');
});

it("runs a command against a fresh emulator with the emulator's CLI from its tarball", async () => {
  // The child fetches the emulator's JWKS through the variables `authkit-emulator run` set.
  const child = `
    const { WORKOS_API_HOSTNAME: host, WORKOS_API_PORT: port, WORKOS_CLIENT_ID: clientId } = process.env;
    const response = await fetch('http://' + host + ':' + port + '/sso/jwks/' + clientId);
    const { keys } = await response.json();
    console.log('jwks ' + response.status + ' ' + keys.length + ' ' + process.env.WORKOS_REDIRECT_URI);`;
  const output = await runInConsumerApp(app().dir, join('node_modules', '.bin', 'authkit-emulator'), [
    'run',
    '--app-port',
    '3999',
    '--',
    process.execPath,
    '--input-type=module',
    '-e',
    child,
  ]);
  expect(output).toMatch(/jwks 200 [1-9]\d* http:\/\/127\.0\.0\.1:3999\/api\/auth\/callback/);
});
