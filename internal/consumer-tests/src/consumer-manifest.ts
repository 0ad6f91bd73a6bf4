import type { PackedPackage } from './pack-packages.ts';

/** The fields of an example's package.json that a consumer app keeps. */
export interface ExampleManifest {
  name?: string;
  type?: string;
  imports?: Record<string, unknown>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * The package.json of an app outside the workspace with an example's source: our packages come
 * from their packed tarballs (`file:` specifiers, also as `overrides` so that the adapters'
 * dependency on `@authkit-ssr/core` resolves to the tarball and not to the registry), everything
 * else at the example's registry versions. An example depending on a workspace package that is
 * not published is an error: a team could not install it.
 */
export function consumerManifest(
  example: ExampleManifest,
  packed: readonly PackedPackage[],
): ExampleManifest {
  const tarballOf = new Map(packed.map((entry) => [entry.name, entry.tarball]));
  const direct = new Set<string>();
  const mapDependencies = (dependencies: Record<string, string> | undefined) => {
    if (!dependencies) return undefined;
    const mapped: Record<string, string> = {};
    for (const [name, spec] of Object.entries(dependencies)) {
      const tarball = tarballOf.get(name);
      if (tarball) {
        mapped[name] = `file:${tarball}`;
        direct.add(name);
      } else if (spec.startsWith('workspace:')) {
        throw new Error(
          `${example.name ?? 'the example'} depends on ${name} (${spec}), which is not published`,
        );
      } else {
        mapped[name] = spec;
      }
    }
    return mapped;
  };
  const { name, version: _version, private: _private, dependencies, devDependencies, ...rest } = example;
  const manifest: ExampleManifest = {
    name: `consumer-${(name ?? 'app').replace(/^@[^/]+\//, '')}`,
    private: true,
    ...rest,
  };
  const mappedDependencies = mapDependencies(dependencies);
  const mappedDevDependencies = mapDependencies(devDependencies);
  if (mappedDependencies) manifest.dependencies = mappedDependencies;
  if (mappedDevDependencies) manifest.devDependencies = mappedDevDependencies;
  // npm refuses an override that differs from a direct dependency's spec unless it names it ($).
  manifest.overrides = Object.fromEntries(
    packed.map((entry) => [entry.name, direct.has(entry.name) ? `$${entry.name}` : `file:${entry.tarball}`]),
  );
  return manifest;
}
