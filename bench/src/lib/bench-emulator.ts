import { type Emulator, type FaultSpec, startEmulator } from '@authkit-ssr/emulator';

/** Every upstream call of every scenario waits this long in the emulator before it is answered. */
export const UPSTREAM_LATENCY_MS = 50;

/** One cookie password for every contender: the anchor and ours read the same iron format. */
export const COOKIE_PASSWORD = 'bench-cookie-password-not-a-secret-0123456789';
export const COOKIE_NAME = 'wos-session';
export const REDIRECT_URI = 'http://127.0.0.1:3000/callback';

/** Faults of the whole run: the scenario's own ones first (first match wins), then the latency of every endpoint. */
export function setFaults(emulator: Emulator, faults: FaultSpec[] = []): void {
  emulator.clearFaults();
  for (const fault of faults) emulator.injectFault(fault);
  emulator.injectFault({ latencyMs: UPSTREAM_LATENCY_MS });
}

/** An emulator on a free loopback port, strict single-use refresh tokens, 50 ms on every endpoint. */
export async function startBenchEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  setFaults(emulator);
  return emulator;
}

/** Refresh-token exchanges the emulator received (answered, rejected or faulted). */
export function upstreamRefreshCalls(emulator: Emulator): number {
  return emulator.stats().requests.authenticate;
}

/** The anchor reads `WORKOS_*` from the environment over its programmatic config: keep the run hermetic. */
export function clearWorkOSEnvironment(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('WORKOS_')) delete process.env[name];
}
