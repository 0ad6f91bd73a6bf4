#!/usr/bin/env node
// `pnpm release`: turns the pending changesets into a release, checks it as it will be published,
// and ends with a dry run of the publish. It never publishes: CI publishes the reviewed result.
//
//   1. changeset version: bumps the fixed version group, writes each package's CHANGELOG.md and
//      deletes the consumed changesets;
//   2. build every package; 3. lint, type-check, publint + attw on every published package;
//   4. pnpm publish -r --dry-run: the tarballs and the registry metadata, without uploading.
//
// Run it on a release branch and commit what step 1 changed. `--skip-version` starts at step 2
// (to re-check a release whose versions are already committed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function step(label, command, args) {
  process.stdout.write(`\n── ${label}\n`);
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (outcome.status !== 0) {
    process.stdout.write(
      `\nrelease: ${label} failed (exit ${outcome.status ?? outcome.signal}); nothing was published\n`,
    );
    process.exit(1);
  }
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir, 'package.json'))
    .filter((path) => existsSync(path))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')))
    .filter((manifest) => !manifest.private);
}

const skipVersion = process.argv.includes('--skip-version');
const before = publishedPackages().map((manifest) => `${manifest.name}@${manifest.version}`);

if (!skipVersion) {
  const pending = readdirSync(join(root, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  if (pending.length === 0) {
    process.stdout.write('release: no pending changesets; add one with `pnpm changeset`\n');
    process.exit(1);
  }
  step(`version (${pending.length} changesets)`, 'pnpm', ['exec', 'changeset', 'version']);
  // The lockfile records workspace versions: keep it in step so that a frozen install still works.
  step('lockfile', 'pnpm', ['install', '--lockfile-only', '--reporter=append-only']);
}
step('build', 'pnpm', ['run', 'build']);
step('lint (biome ci)', 'pnpm', ['exec', 'biome', 'ci', '.']);
step('type-check', 'pnpm', ['-r', 'run', 'typecheck']);
step('package checks (publint, attw)', 'pnpm', ['run', 'lint:package']);
step('publish (dry run)', 'pnpm', ['publish', '-r', '--dry-run', '--no-git-checks']);

const after = publishedPackages().map((manifest) => `${manifest.name}@${manifest.version}`);
process.stdout.write(`\nrelease: ready, nothing published\n  ${after.join('\n  ')}\n`);
if (!skipVersion) {
  process.stdout.write(
    `  (was ${before.join(', ')})\nCommit the new versions, CHANGELOG.md files and the consumed changesets.\n`,
  );
}
