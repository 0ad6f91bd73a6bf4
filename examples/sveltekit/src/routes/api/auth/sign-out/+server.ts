import { handleSignOutRoute } from '@authkit-ssr/sveltekit';

export const POST = handleSignOutRoute();
