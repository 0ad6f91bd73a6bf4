import { handleAccessTokenRoute } from '@authkit-ssr/sveltekit';

// What getAccessToken() from @authkit-ssr/sveltekit/client calls.
export const GET = handleAccessTokenRoute();
