/** A file an `exports` entry points at, under one chain of conditions. */
export interface ExportTarget {
  subpath: string;
  conditions: string[];
  target: string;
}

/**
 * Every file the `exports` map can resolve to, except through `ignoredConditions` (the workspace's
 * `authkit-source` condition, which no published consumer sets).
 */
export function exportTargets(exports: unknown, ignoredConditions: readonly string[]): ExportTarget[] {
  const targets: ExportTarget[] = [];
  const walk = (subpath: string, value: unknown, conditions: string[]) => {
    if (typeof value === 'string') targets.push({ subpath, conditions, target: value });
    else if (Array.isArray(value)) for (const item of value) walk(subpath, item, conditions);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (ignoredConditions.includes(key)) continue;
        walk(subpath, inner, [...conditions, key]);
      }
    }
  };
  if (typeof exports === 'string' || Array.isArray(exports)) walk('.', exports, []);
  else if (exports && typeof exports === 'object') {
    const entries = Object.entries(exports);
    if (entries.every(([key]) => key.startsWith('.')))
      for (const [key, value] of entries) walk(key, value, []);
    else walk('.', exports, []);
  }
  return targets;
}

/** The subpaths an `exports` map declares (`.` for a bare conditions object or string). */
export function exportSubpaths(exports: unknown): string[] {
  if (exports && typeof exports === 'object' && !Array.isArray(exports)) {
    const keys = Object.keys(exports);
    if (keys.length > 0 && keys.every((key) => key.startsWith('.'))) return keys;
  }
  return exports === undefined ? [] : ['.'];
}
