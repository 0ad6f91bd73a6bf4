import { WorkOS as WorkOSV11 } from '@workos-inc/node';
import { WorkOS as WorkOSV10 } from 'workos-node-v10';
import type { Emulator } from '../src/index.js';

/** The SDK majors the emulator must serve: the current one and the oldest our core supports. */
export const SDKS = [
  // `copiesRequestId`: 10.8 always reports `requestID: ''` (fixed by 10.14).
  { name: '@workos-inc/node 11.0.0', WorkOS: WorkOSV11, copiesRequestId: true },
  { name: '@workos-inc/node 10.8.0', WorkOS: WorkOSV10, copiesRequestId: false },
] as const;

/** The SDK class of one of {@link SDKS}. */
export type WorkOSClass = (typeof SDKS)[number]['WorkOS'];

/** A real SDK client pointed at the emulator, without retries so faults surface at once. */
export function createSdkClient<C extends WorkOSClass>(
  WorkOS: C,
  emulator: Emulator,
  apiKey = emulator.apiKey,
): InstanceType<C> {
  return new WorkOS(apiKey, {
    apiHostname: '127.0.0.1',
    https: false,
    port: emulator.port,
    clientId: emulator.clientId,
    maxRetries: 0,
  }) as InstanceType<C>;
}

/** Follows the authorize URL (auto-login) and returns the `code` from the redirect. */
export async function signInHeadless(authorizationUrl: string): Promise<string> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}`);
  const location = new URL(response.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.toString()}`);
  return code;
}

/** Calls `fn`, which must throw, and returns what it threw. */
export async function caught(fn: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to throw');
}
