import { toClientAuth } from '@authkit-ssr/sveltekit';
import type { LayoutServerLoad } from './$types';

// The user for every page (navigation, sign-in state), without the access token.
export const load: LayoutServerLoad = ({ locals }) => ({ auth: toClientAuth(locals.auth) });
