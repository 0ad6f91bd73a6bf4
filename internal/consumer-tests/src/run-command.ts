import { spawn } from 'node:child_process';
import type { CommandSpec } from '@authkit-ssr/adapter-contract';

/**
 * Runs a command to completion and resolves with its standard output; rejects with everything it
 * printed when it fails or outlives `timeoutMs`. `spec.env` is the child's whole environment
 * when `replaceEnv` is set (a consumer app must not inherit the test runner's variables).
 */
export function runCommandForOutput(
  spec: CommandSpec & { replaceEnv?: boolean },
  timeoutMs = 180_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.replaceEnv ? spec.env : { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const described = `${spec.command} ${spec.args.join(' ')} (in ${spec.cwd ?? process.cwd()})`;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${described} timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${described} exited with ${code}\n${output}`));
    });
  });
}
