import { runConsumerContract } from '../src/run-consumer-contract.ts';

// examples/sveltekit-kit2: the SvelteKit example's source on SvelteKit 2 (the lower major of the
// adapter's peer range), served by examples/sveltekit's server.js.
runConsumerContract({
  example: 'sveltekit-kit2',
  borrowedFiles: ['sveltekit/server.js'],
  start: (appDir, port) => ({
    command: process.execPath,
    args: ['server.js', '--host', '127.0.0.1', '--port', String(port)],
    cwd: appDir,
  }),
});
