import { authkitEnvVars } from '@authkit-ssr/sveltekit/env';
import { defineEnvVars } from '@sveltejs/kit/env';

// SvelteKit 3 only exposes the environment variables declared here ($app/env/private).
export const variables = defineEnvVars({ ...authkitEnvVars });
