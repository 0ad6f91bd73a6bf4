import type { AuthKitEvent } from './request-state.js';

interface EventStorage {
  run<R>(event: AuthKitEvent, run: () => R): R;
  getStore(): AuthKitEvent | undefined;
}

// `authKit.getSignInUrl(options)` takes no event (the kit's signature), yet must write the sign-in
// cookie on the current request: the handle runs the request inside this storage. Loaded without a
// static `node:` import so the package still loads where `process.getBuiltinModule` is missing.
const storage: EventStorage | undefined = (() => {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const asyncHooks = host?.getBuiltinModule?.('node:async_hooks') as
    | { AsyncLocalStorage: new () => EventStorage }
    | undefined;
  return asyncHooks ? new asyncHooks.AsyncLocalStorage() : undefined;
})();

/** Runs the rest of the request with `event` as the current request event. */
export function runWithEvent<R>(event: AuthKitEvent, run: () => R): R {
  return storage ? storage.run(event, run) : run();
}

/**
 * The request event that `authKitHandle` is handling.
 *
 * @throws {Error} outside a request, or on a runtime without `AsyncLocalStorage`.
 */
export function currentEvent(): AuthKitEvent {
  const event = storage?.getStore();
  if (!event) {
    throw new Error(
      'authkit-ssr: no current request. Call this inside a load, action or endpoint of a request that authKitHandle() handles.',
    );
  }
  return event;
}
