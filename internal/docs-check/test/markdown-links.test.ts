import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchors, isExternal, markdownLinks } from '../src/markdown-links.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// Tracked files and new ones not ignored: a doc is checked before it is committed.
const markdownFiles = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '*.md'],
  { cwd: repoRoot, encoding: 'utf8' },
)
  .split('\0')
  .filter((file) => file && existsSync(join(repoRoot, file)));

describe('Markdown links', () => {
  it('finds the documentation (the root README, the troubleshooting and dashboard pages)', () => {
    expect(markdownFiles).toEqual(
      expect.arrayContaining(['README.md', 'docs/troubleshooting.md', 'docs/workos-dashboard.md']),
    );
  });

  it('resolves every relative link and #anchor in every Markdown file to a file or heading in the repository', () => {
    const broken: string[] = [];
    for (const file of markdownFiles) {
      const source = join(repoRoot, file);
      for (const { target, line } of markdownLinks(readFileSync(source, 'utf8'))) {
        if (isExternal(target)) continue;
        const [pathPart = '', anchor] = target.split('#', 2);
        const path = pathPart ? resolve(dirname(source), decodeURIComponent(pathPart)) : source;
        const where = `${file}:${line} → ${target}`;
        if (!path.startsWith(repoRoot) || !existsSync(path)) {
          broken.push(`${where} (no such file: ${relative(repoRoot, path)})`);
          continue;
        }
        if (anchor && path.endsWith('.md') && statSync(path).isFile()) {
          if (!headingAnchors(readFileSync(path, 'utf8')).has(anchor))
            broken.push(`${where} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('markdownLinks and headingAnchors', () => {
  it('reads inline links, images and reference definitions, but not links inside code', () => {
    const text = [
      'See [core](packages/core) and ![logo](docs/logo.png "Logo").',
      '[ref]: ./docs/guide.md#set-up',
      '`[not](a-link)` and',
      '```sh',
      '[not](either)',
      '```',
    ].join('\n');
    expect(markdownLinks(text).map(({ target, line }) => `${line} ${target}`)).toEqual([
      '1 packages/core',
      '1 docs/logo.png',
      '2 ./docs/guide.md#set-up',
    ]);
  });

  it("gives headings GitHub's anchors, numbering repeats", () => {
    const anchors = headingAnchors(
      '# Quick start\n## `pnpm release`: the flow\n### Next.js 15 / 16\n## Quick start',
    );
    expect([...anchors]).toEqual(['quick-start', 'pnpm-release-the-flow', 'nextjs-15--16', 'quick-start-1']);
  });
});
