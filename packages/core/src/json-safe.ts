const MAX_DEPTH = 32;

/**
 * A copy of `value` made of plain JSON data only: plain objects with a normal prototype, arrays,
 * strings, finite numbers, booleans and `null`. Dates become ISO strings; functions, symbols,
 * `undefined` and cycles are dropped, and so is an own `__proto__` key: serializers that guard
 * against prototype pollution (devalue, used by SvelteKit) refuse objects carrying one, and user
 * data from WorkOS (`metadata`) is arbitrary JSON that must never break a page.
 */
export function toJsonSafe(value: unknown, depth = 0, seen = new Set<object>()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object' || depth >= MAX_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, depth + 1, seen) ?? null);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue;
      const item = toJsonSafe((value as Record<string, unknown>)[key], depth + 1, seen);
      if (item !== undefined) copy[key] = item;
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
