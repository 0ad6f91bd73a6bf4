/** Counters of one {@link AuthKitCore}, for tests, benchmarks and dashboards. No labels, no tokens. */
export interface AuthKitMetrics {
  /** `authenticate` calls answered from the verified-session cache (no unseal, no signature check). */
  sessionCacheHits: number;
  /** Session cookies that had to be unsealed. */
  unseals: number;
  /** Access-token signature checks. */
  tokenVerifications: number;
  /** Sessions sealed (one per refresh or sign-in, however many callers wait for it). */
  seals: number;
  refreshesLed: number;
  refreshesJoined: number;
  refreshesReplayed: number;
  refreshFailures: number;
}

export function createMetrics(): AuthKitMetrics {
  return {
    sessionCacheHits: 0,
    unseals: 0,
    tokenVerifications: 0,
    seals: 0,
    refreshesLed: 0,
    refreshesJoined: 0,
    refreshesReplayed: 0,
    refreshFailures: 0,
  };
}
