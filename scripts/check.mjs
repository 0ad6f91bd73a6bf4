#!/usr/bin/env node
// The whole verification of the repository, in the order a reviewer would run it: lint, type-check,
// package checks, tests. Every check and every test counts toward the closing line
// `N passed, N failed`, which CI reads; the exit code is non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = [];

function run(label, command, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n── ${label}\n`);
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = outcome.status === 0;
  results.push({ label, ok });
  process.stdout.write(
    `── ${label}: ${ok ? 'ok' : `FAILED (exit ${outcome.status ?? outcome.signal})`} in ${seconds}s\n`,
  );
  return ok;
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

run('lint (biome ci)', 'pnpm', ['exec', 'biome', 'ci', '.']);
run('type-check (sources and tests)', 'pnpm', ['-r', '--no-bail', 'run', 'typecheck']);
for (const { manifest } of publishedPackages()) {
  run(`package check ${manifest.name} (publint, attw)`, 'pnpm', [
    '--filter',
    manifest.name,
    'run',
    'lint:package',
  ]);
}

const report = join(root, 'test-results', 'vitest.json');
rmSync(report, { force: true });
const testArgs = [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
];
const testsOk = run('tests (vitest)', 'pnpm', [...testArgs, ...process.argv.slice(2)]);

let passed = results.filter((result) => result.label !== 'tests (vitest)' && result.ok).length;
let failed = results.filter((result) => result.label !== 'tests (vitest)' && !result.ok).length;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A crashed test file or an unhandled error has no failed test of its own: count it once.
  if (!testsOk && summary.numFailedTests === 0) failed += 1;
  if (summary.numPendingTests > 0 || summary.numTodoTests > 0) {
    process.stdout.write(
      `\n${summary.numPendingTests + summary.numTodoTests} tests were skipped: skipped tests fail the check\n`,
    );
    failed += summary.numPendingTests + summary.numTodoTests;
  }
} else {
  failed += 1;
}

const failedChecks = results.filter((result) => !result.ok).map((result) => result.label);
if (failedChecks.length > 0) process.stdout.write(`\nFailed: ${failedChecks.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
