import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// The CLI runs from compiled JavaScript as in dist/, but from a fresh transpile of src/ so a
// stale dist/ can't make this test pass or fail.
function transpileSources(outDir: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : [],
    );
  for (const file of walk(SRC)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
    });
    const target = join(outDir, relative(SRC, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
}

/** Reads stdout until the banner is printed, with a deadline; `# NAME=value` hint lines count too. */
function readEnv(child: ChildProcess, timeoutMs: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no env printed within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Control API:')) return;
      clearTimeout(timer);
      resolve(
        Object.fromEntries([...output.matchAll(/^(?:# )?(WORKOS_[A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])),
      );
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('the authkit-emulator CLI', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'authkit-emulator-cli-'));
    transpileSources(outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('starts, prints the environment, serves the JWKS and exits on SIGTERM', async () => {
    const seed = join(outDir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ users: [{ email: 'cli@example.com' }] }));
    expect(readFileSync(join(outDir, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const child = spawn(process.execPath, [join(outDir, 'cli.js'), '--port', '0', '--seed', seed, '--auto'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const env = await readEnv(child, 10_000);
      expect(env).toMatchObject({
        WORKOS_CLIENT_ID: 'client_emulator',
        WORKOS_API_KEY: 'sk_test_emulator',
        WORKOS_API_HOSTNAME: '127.0.0.1',
        WORKOS_API_HTTPS: 'false',
        // The hint names the example apps' callback route (examples/*/src/routes/api/auth/callback).
        WORKOS_REDIRECT_URI: 'http://127.0.0.1:3000/api/auth/callback',
      });
      const port = Number(env.WORKOS_API_PORT);
      expect(port).toBeGreaterThan(0);

      const jwks = await fetch(`http://127.0.0.1:${port}/sso/jwks/client_emulator`);
      expect(jwks.status).toBe(200);
      expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
      const authorize = await fetch(
        `http://127.0.0.1:${port}/user_management/authorize?client_id=client_emulator&redirect_uri=http://localhost/cb&response_type=code&provider=authkit`,
        { redirect: 'manual' },
      );
      expect(authorize.status).toBe(302);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a non-numeric port', async () => {
    const child = spawn(process.execPath, [join(outDir, 'cli.js'), '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a number');
  });

  /** Runs the CLI to completion and collects what it printed. */
  function runCli(
    args: string[],
    env: NodeJS.ProcessEnv,
    onStdout?: (output: string, child: ChildProcess) => void,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [join(outDir, 'cli.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return new Promise((resolve) =>
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      }),
    );
  }

  /** The environment of the test runner without WORKOS_* variables, as a fresh shell would have. */
  function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('WORKOS_')),
    );
    delete env.PORT;
    delete env.EMULATOR_PORT;
    return { ...env, ...extra };
  }

  // Prints the WORKOS_* variables and PORT it was given, checks the emulator answers, exits 3.
  const printEnv = `
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WORKOS_') || k === 'PORT'));
    const jwks = env.WORKOS_API_PORT
      ? fetch('http://127.0.0.1:' + env.WORKOS_API_PORT + '/sso/jwks/' + env.WORKOS_CLIENT_ID).then((r) => r.status)
      : Promise.resolve(null);
    jwks.then((status) => { console.log('ENV ' + JSON.stringify({ ...env, jwks: status })); process.exit(3); });
  `;
  const printedEnv = (stdout: string) =>
    JSON.parse(/^ENV (.*)$/m.exec(stdout)?.[1] ?? 'null') as Record<string, string | number | null>;

  it('run: starts the emulator, runs the command with its environment, stops it and exits with the code', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'run',
        '--app-port',
        '4567',
        '--callback-path',
        '/auth/callback',
        '--',
        process.execPath,
        '-e',
        printEnv,
      ],
      cleanEnv(),
    );
    expect(code, stderr).toBe(3);
    const env = printedEnv(stdout);
    expect(env).toMatchObject({
      WORKOS_CLIENT_ID: 'client_emulator',
      WORKOS_API_KEY: 'sk_test_emulator',
      WORKOS_API_HOSTNAME: '127.0.0.1',
      WORKOS_API_HTTPS: 'false',
      WORKOS_REDIRECT_URI: 'http://127.0.0.1:4567/auth/callback',
      PORT: '4567',
      jwks: 200,
    });
    expect(String(env.WORKOS_COOKIE_PASSWORD).length).toBeGreaterThanOrEqual(32);
    const port = Number(env.WORKOS_API_PORT);
    expect(port).toBeGreaterThan(0);
    // The banner: URLs and the seeded users.
    expect(stdout).toContain(`WorkOS emulator  http://127.0.0.1:${port}`);
    expect(stdout).toContain('App              http://127.0.0.1:4567');
    expect(stdout).toContain('ada@example.com / password');
    // Stopped once the command ended.
    await expect(fetch(`http://127.0.0.1:${port}/sso/jwks/client_emulator`)).rejects.toThrow();
  });

  it('run: keeps a redirect URI and cookie password that are already set', async () => {
    const { code, stdout } = await runCli(
      ['run', '--', process.execPath, '-e', printEnv],
      cleanEnv({
        WORKOS_REDIRECT_URI: 'http://127.0.0.1:3000/custom/callback',
        WORKOS_COOKIE_PASSWORD: 'a-cookie-password-of-my-own-with-32-characters',
      }),
    );
    expect(code).toBe(3);
    expect(printedEnv(stdout)).toMatchObject({
      WORKOS_REDIRECT_URI: 'http://127.0.0.1:3000/custom/callback',
      WORKOS_COOKIE_PASSWORD: 'a-cookie-password-of-my-own-with-32-characters',
      PORT: '3000',
      jwks: 200,
    });
  });

  it('run: with WorkOS credentials set, runs the command as is, without an emulator', async () => {
    const real = {
      WORKOS_API_KEY: 'sk_test_real',
      WORKOS_CLIENT_ID: 'client_real',
      WORKOS_REDIRECT_URI: 'https://app.example.com/api/auth/callback',
      WORKOS_COOKIE_PASSWORD: 'a-cookie-password-of-my-own-with-32-characters',
    };
    const { code, stdout } = await runCli(['run', '--', process.execPath, '-e', printEnv], cleanEnv(real));
    expect(code).toBe(3);
    expect(printedEnv(stdout)).toEqual({ ...real, PORT: '3000', jwks: null });
    expect(stdout).not.toContain('WorkOS emulator');

    const incomplete = await runCli(
      ['run', '--', process.execPath, '-e', printEnv],
      cleanEnv({ WORKOS_API_KEY: 'sk_test_real', WORKOS_CLIENT_ID: 'client_real' }),
    );
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('WORKOS_REDIRECT_URI and WORKOS_COOKIE_PASSWORD');
    expect(incomplete.stdout).not.toContain('ENV ');
  });

  it('run: forwards SIGTERM to the command and exits with its code', async () => {
    const waitForSignal = `
      process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(0); });
      console.log('child ready');
      setInterval(() => {}, 1000);
    `;
    let signalled = false;
    const { code, stdout } = await runCli(
      ['run', '--', process.execPath, '-e', waitForSignal],
      cleanEnv(),
      (output, child) => {
        if (signalled || !output.includes('child ready')) return;
        signalled = true;
        child.kill('SIGTERM');
      },
    );
    expect(stdout).toContain('child got SIGTERM');
    expect(code).toBe(0);
  });

  it('run: refuses a missing command', async () => {
    const { code, stderr } = await runCli(['run', '--port', '0'], cleanEnv());
    expect(code).toBe(2);
    expect(stderr).toContain('no command after --');
  });
});
