import { authkitEnvVars } from '@authkit-ssr/sveltekit/env';
import { defineEnvVars } from '@sveltejs/kit/env';

const optional = (value: string | undefined) => value;

// SvelteKit 3 only exposes the environment variables declared here ($app/env/private).
export const variables = defineEnvVars({
  ...authkitEnvVars,
  REDIS_URL: {
    public: false,
    static: false,
    schema: optional,
    description: 'Set: refreshes are coordinated across all processes of the app through this Redis',
  },
  AUTHKIT_REDIS_PREFIX: {
    public: false,
    static: false,
    schema: optional,
    description: 'Prefix of the Redis keys of the refresh coordinator (default `authkit:`)',
  },
});
