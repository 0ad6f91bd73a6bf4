import { handleSignInRoute } from '@authkit-ssr/sveltekit';

export const GET = handleSignInRoute({ screenHint: 'sign-up' });
