import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const examples = readdirSync(join(repoRoot, 'examples')).filter((entry) =>
  existsSync(join(repoRoot, 'examples', entry, 'package.json')),
);

describe('scripts/demo.sh', () => {
  it('offers every example (the usage lists exactly the folders of examples/, plus the emulator)', () => {
    const outcome = spawnSync('bash', ['scripts/demo.sh', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(outcome.status).toBe(0);
    const offered = /\[([^\]]+)\]/.exec(outcome.stdout)?.[1]?.split('|') ?? [];
    expect([...offered].sort()).toEqual([...examples, 'emulator'].sort());
  });

  it('refuses an unknown example or a path out of examples/ with the usage and exit code 2, before installing anything', () => {
    for (const argument of ['no-such-example', '../packages/core', '.']) {
      const outcome = spawnSync('bash', ['scripts/demo.sh', argument], { cwd: repoRoot, encoding: 'utf8' });
      expect(outcome.status, argument).toBe(2);
      expect(outcome.stderr, argument).toContain('usage: bash scripts/demo.sh');
    }
  });

  it('finds in every example the build and start scripts it runs', () => {
    for (const example of examples) {
      const manifest = JSON.parse(
        readFileSync(join(repoRoot, 'examples', example, 'package.json'), 'utf8'),
      ) as {
        scripts?: Record<string, string>;
      };
      expect(manifest.scripts?.build, `${example} build script`).toBeTruthy();
      expect(manifest.scripts?.start, `${example} start script`).toBeTruthy();
    }
  });
});
