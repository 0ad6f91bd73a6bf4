/**
 * Runs at most one `work()` per key at a time; concurrent callers with the same key share its
 * promise and so its result or its error. Knows nothing about auth.
 *
 * The shared promise is not tied to any caller's abort signal: a caller that goes away stops
 * waiting, the work goes on for the others.
 *
 * Runtime caveat: on workerd (Cloudflare), a promise created by another request may never
 * resolve in this one; share flights only within a request there.
 */
export interface SingleFlight<K, V> {
  /** Runs `work` or joins the flight already running for `key`. `joined` tells which. */
  run(key: K, work: () => Promise<V>): { promise: Promise<V>; joined: boolean };
  /** Number of flights in progress. */
  readonly size: number;
}

export function createSingleFlight<K, V>(): SingleFlight<K, V> {
  const flights = new Map<K, Promise<V>>();
  return {
    run(key, work) {
      const existing = flights.get(key);
      if (existing) return { promise: existing, joined: true };
      const current: Promise<V> = Promise.resolve()
        .then(work)
        .finally(() => {
          // Only the flight that is still current may clear the slot.
          if (flights.get(key) === current) flights.delete(key);
        });
      flights.set(key, current);
      return { promise: current, joined: false };
    },
    get size() {
      return flights.size;
    },
  };
}
