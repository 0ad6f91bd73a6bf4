import 'server-only';
import { optionsFromEnv } from '@authkit-ssr/core';
import { WorkOS } from '@workos-inc/node';
import { headers } from 'next/headers';

// One client per process, on globalThis: Next.js loads this module more than once.
const CLIENT = Symbol.for('@authkit-ssr/nextjs/workos');

/**
 * The WorkOS SDK client configured from the same `WORKOS_*` variables as the session (API key,
 * hostname, port, HTTPS), for calls the adapter does not make for you.
 *
 * @example
 * ```ts
 * const { data } = await getWorkOS().userManagement.listOrganizationMemberships({ userId: user.id });
 * ```
 */
export function getWorkOS(): WorkOS {
  const holder = globalThis as { [CLIENT]?: WorkOS };
  if (!holder[CLIENT]) {
    const env = optionsFromEnv(process.env);
    holder[CLIENT] = new WorkOS(env.apiKey, {
      ...(env.apiHostname ? { apiHostname: env.apiHostname } : {}),
      ...(env.apiHttps === undefined ? {} : { https: env.apiHttps }),
      ...(env.apiPort === undefined ? {} : { port: env.apiPort }),
    });
  }
  return holder[CLIENT];
}

/**
 * Validates the API key in this request's `Authorization: Bearer …` header with WorkOS, for
 * machine-to-machine routes. `{ apiKey: null }` when there is none or WorkOS does not know it.
 */
export async function validateApiKey(): Promise<Awaited<ReturnType<WorkOS['apiKeys']['createValidation']>>> {
  const value = /^Bearer\s+(\S+)$/i.exec((await headers()).get('authorization') ?? '')?.[1];
  if (!value) return { apiKey: null };
  return getWorkOS().apiKeys.createValidation({ value });
}

const FLAGS = Symbol.for('@authkit-ssr/nextjs/feature-flags');

type RuntimeClient = ReturnType<WorkOS['featureFlags']['createRuntimeClient']>;

/**
 * One WorkOS Feature Flags runtime client per process (it keeps flags in sync in the background).
 * `options` only count on the first call. Needs `@workos-inc/node` 11 or later.
 */
export function getFeatureFlagsRuntimeClient(
  options?: Parameters<WorkOS['featureFlags']['createRuntimeClient']>[0],
): RuntimeClient {
  const holder = globalThis as { [FLAGS]?: RuntimeClient };
  holder[FLAGS] ??= getWorkOS().featureFlags.createRuntimeClient(options);
  return holder[FLAGS];
}
