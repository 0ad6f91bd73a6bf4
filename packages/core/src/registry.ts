import { AuthKitCore } from './authkit-core.js';
import type { AuthKitOptions } from './options.js';

// Frameworks load the same module more than once (Next.js proxy vs server components, dev-server
// reloads). Every copy must share one core, and with it one map of refreshes in flight, so the
// registry lives on globalThis under a registered symbol rather than in module state.
const REGISTRY_KEY = Symbol.for('@authkit-ssr/core/registry');

type Registry = Map<string, AuthKitCore<object>>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

// Objects and functions (coordinators, loggers, callbacks) have no stable text form: give each a
// process-wide number, kept on the same global so module copies agree.
const IDENTITY_KEY = Symbol.for('@authkit-ssr/core/identities');

function identityOf(value: object): number {
  const holder = globalThis as { [IDENTITY_KEY]?: { ids: WeakMap<object, number>; next: number } };
  holder[IDENTITY_KEY] ??= { ids: new WeakMap(), next: 1 };
  const identities = holder[IDENTITY_KEY];
  let id = identities.ids.get(value);
  if (id === undefined) {
    id = identities.next++;
    identities.ids.set(value, id);
  }
  return id;
}

function fingerprint(options: Partial<AuthKitOptions>): string {
  const entries = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [
      key,
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? `#${identityOf(value)}`
        : typeof value === 'function'
          ? `#${identityOf(value)}`
          : value,
    ]);
  return JSON.stringify(entries);
}

/**
 * The process-wide {@link AuthKitCore} for these options: the same options always give the same
 * instance, across module copies.
 *
 * @throws {AuthKitError} `configuration_invalid`
 */
export function getAuthKitCore<TClaims extends object = Record<never, never>>(
  options: AuthKitOptions,
): AuthKitCore<TClaims> {
  const key = fingerprint(options);
  const cores = registry();
  let core = cores.get(key);
  if (!core) {
    core = new AuthKitCore(options);
    cores.set(key, core);
  }
  return core as AuthKitCore<TClaims>;
}
