// A redis-server of a test alone (free port, no persistence). No vitest imports: global-setup uses it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** SIGKILL; resolves once the process is gone. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts redis-server on `port` (default: a free one) and resolves once it logs that it accepts
 * connections; rejects when it exits first or cannot be spawned.
 */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosenPort = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(chosenPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server exited on start-up (${code ?? signal}): ${output.slice(-500)}`)),
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (!output.includes('Ready to accept connections')) return;
      child.stdout?.off('data', onData);
      // Keep draining its log, so a full pipe never blocks it.
      child.stdout?.resume();
      resolve();
    };
    child.stdout?.on('data', onData);
  });
  return {
    url: `redis://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
