import { ENV_VARIABLES } from '@authkit-ssr/core';

/** One optional, private, runtime environment variable in the shape of SvelteKit's `defineEnvVars`. */
export interface AuthKitEnvVar {
  public: false;
  static: false;
  schema: (value: string | undefined) => string | undefined;
  description: string;
}

const optional = (value: string | undefined) => value;

/**
 * The `WORKOS_*` variables that `authKitHandle` reads, for SvelteKit 3's `src/env.ts`. They are
 * private and read when the app starts; all are optional there, and core reports the missing
 * required ones together on the first request.
 *
 * @example
 * ```ts
 * // src/env.ts
 * import { defineEnvVars } from '@sveltejs/kit/env';
 * import { authkitEnvVars } from '@authkit-ssr/sveltekit/env';
 * export const variables = defineEnvVars({ ...authkitEnvVars });
 * ```
 */
export const authkitEnvVars = Object.fromEntries(
  ENV_VARIABLES.map((name) => [
    name,
    {
      public: false,
      static: false,
      schema: optional,
      description: `${name} (read by @authkit-ssr/sveltekit)`,
    },
  ]),
) as Record<(typeof ENV_VARIABLES)[number], AuthKitEnvVar>;
