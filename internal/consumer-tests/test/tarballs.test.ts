import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumerWorkdir, packedPackages } from '../src/consumer-workdir.ts';
import { exportSubpaths, exportTargets } from '../src/export-targets.ts';
import type { PackedPackage } from '../src/pack-packages.ts';
import { repoRoot } from '../src/repo-root.ts';
import { unpackTarball } from '../src/unpack-tarball.ts';

interface PublishedManifest {
  name: string;
  version: string;
  license?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  repository?: { url?: string; directory?: string };
  publishConfig?: { access?: string; provenance?: boolean };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

describe('the packed tarballs, as npm would unpack them', () => {
  const unpacked: { packed: PackedPackage; dir: string; manifest: PublishedManifest }[] = [];

  beforeAll(async () => {
    for (const packed of packedPackages()) {
      const dir = await unpackTarball(packed.tarball, join(consumerWorkdir(), 'unpacked', packed.name));
      unpacked.push({ packed, dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });
    }
  });

  it('packs all six published packages', () => {
    expect(unpacked.map(({ manifest }) => manifest.name).sort()).toEqual([
      '@authkit-ssr/core',
      '@authkit-ssr/emulator',
      '@authkit-ssr/nextjs',
      '@authkit-ssr/redis',
      '@authkit-ssr/sveltekit',
      '@authkit-ssr/tanstack-start',
    ]);
  });

  it('carries the MIT license text, a README and the repository metadata in every tarball', () => {
    const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    for (const { dir, manifest } of unpacked) {
      expect(manifest.license, manifest.name).toBe('MIT');
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), `${manifest.name} LICENSE`).toBe(license);
      expect(existsSync(join(dir, 'README.md')), `${manifest.name} README.md`).toBe(true);
      expect(manifest.repository?.url, manifest.name).toBe(
        'git+https://github.com/authkit-ssr/authkit-ssr.git',
      );
      expect(
        existsSync(join(repoRoot, manifest.repository?.directory ?? '-', 'package.json')),
        manifest.name,
      ).toBe(true);
      expect(manifest.publishConfig, manifest.name).toEqual({ access: 'public', provenance: true });
    }
  });

  it('leaves no workspace: specifier and depends on our own packages at the released version', () => {
    for (const { manifest } of unpacked) {
      for (const field of DEPENDENCY_FIELDS) {
        for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
          expect(spec, `${manifest.name} ${field}.${name}`).not.toMatch(/^workspace:/);
          if (name.startsWith('@authkit-ssr/')) {
            expect(spec.replace(/^[\^~]/, ''), `${manifest.name} ${field}.${name}`).toBe(manifest.version);
          }
        }
      }
    }
  });

  it('resolves every export and bin to a compiled file in the tarball without the authkit-source condition', () => {
    for (const { dir, manifest } of unpacked) {
      const targets = exportTargets(manifest.exports, ['authkit-source']);
      // A subpath reachable only through the workspace condition has no target here at all.
      for (const subpath of exportSubpaths(manifest.exports)) {
        const runtime = targets.filter(
          (entry) => entry.subpath === subpath && !entry.conditions.includes('types'),
        );
        expect(
          runtime.length,
          `${manifest.name} exports["${subpath}"] outside the workspace`,
        ).toBeGreaterThan(0);
      }
      for (const { subpath, conditions, target } of targets) {
        const where = `${manifest.name} exports["${subpath}"] ${conditions.join('.')} → ${target}`;
        expect(existsSync(join(dir, target)), where).toBe(true);
        if (target.endsWith('package.json')) continue;
        if (conditions.includes('types')) expect(target, where).toMatch(/\.d\.ts$/);
        else expect(target, where).toMatch(/\.js$/);
      }
      const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
      for (const bin of bins) {
        expect(existsSync(join(dir, bin)), `${manifest.name} bin ${bin}`).toBe(true);
        expect(readFileSync(join(dir, bin), 'utf8'), `${manifest.name} bin ${bin}`).toMatch(
          /^#!\/usr\/bin\/env node/,
        );
      }
    }
  });
});
