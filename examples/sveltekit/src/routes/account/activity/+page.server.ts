import { authKit } from '@authkit-ssr/sveltekit';
import { sessionInfo } from '#lib/session-info.ts';
import type { PageServerLoad } from './$types';

// Another protected page: reached with a client-side navigation from /account, its data and the
// account layout's come in one __data.json request.
export const load: PageServerLoad = authKit.withAuth((event) => ({
  session: sessionInfo(event, event.auth),
}));
