import { handleCallbackRoute } from '@authkit-ssr/sveltekit';

export const GET = handleCallbackRoute();
