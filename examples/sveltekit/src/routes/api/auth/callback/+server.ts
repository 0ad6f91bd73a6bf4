import { authKit } from '@authkit-ssr/sveltekit';

export const GET = authKit.handleCallback();
