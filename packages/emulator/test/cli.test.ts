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

/** Reads stdout until the env block is printed, with a deadline. */
function readEnv(child: ChildProcess, timeoutMs: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no env printed within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('WORKOS_API_PORT=')) return;
      clearTimeout(timer);
      resolve(Object.fromEntries([...output.matchAll(/^(WORKOS_[A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])));
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
});
