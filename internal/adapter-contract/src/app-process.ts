import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A command to run: give the node binary and a script path so that the child's pid is the server. */
export interface CommandSpec {
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command to completion (a build); rejects with its output when it fails or times out. */
export function runCommand(spec: CommandSpec, timeoutMs = 180_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.command} ${spec.args.join(' ')} timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${spec.command} ${spec.args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

/** A started app server. */
export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits until `GET readyPath` gets an HTTP answer, at most
 * `timeoutMs`. Fails early with the server's output when the process exits.
 */
export async function startApp(
  spec: CommandSpec,
  options: { port: number; readyPath?: string; timeoutMs?: number },
): Promise<RunningApp> {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const app: RunningApp = {
    url,
    port: options.port,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The app exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/'}`, { redirect: 'manual' });
      await response.body?.cancel();
      return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await app.stop();
  throw new Error(`The app was not ready within ${options.timeoutMs ?? 30_000} ms:\n${output}`);
}
