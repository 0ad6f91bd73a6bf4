import {
  createInProcessRefreshCoordinator,
  type RefreshCoordinator,
  type RefreshRunContext,
} from '../src/index.ts';

/**
 * Core's own refresh coordinator, unchanged, that also tells a test when requests reach it. A
 * request joins (or starts) a refresh at that moment, so a test waits here before it lets a held
 * upstream answer: no request is still on its way when the refresh completes.
 */
export function observeRefreshCoordinator(inner: RefreshCoordinator = createInProcessRefreshCoordinator()): {
  coordinator: RefreshCoordinator;
  /** Resolves once `count` runs have reached the coordinator. */
  runsReached(count: number): Promise<void>;
} {
  let runs = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    coordinator: {
      run(key: string, refresh, context: RefreshRunContext) {
        const outcome = inner.run(key, refresh, context);
        runs++;
        for (const waiter of waiters.filter((candidate) => candidate.count <= runs)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        return outcome;
      },
    },
    runsReached(count) {
      if (runs >= count) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ count, resolve }));
    },
  };
}
