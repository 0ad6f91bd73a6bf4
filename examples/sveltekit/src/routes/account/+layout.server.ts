import { authKit } from '@authkit-ssr/sveltekit';
import type { LayoutServerLoad } from './$types';

// Runs in parallel with the page's load on every request (and in the same __data.json request on a
// client-side navigation): both need the session, and the handle refreshed it at most once for both.
export const load: LayoutServerLoad = authKit.withAuth(({ auth: { user } }) => ({
  profile: {
    id: user.id,
    email: user.email,
    name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email,
  },
}));
