import { redirect } from '@sveltejs/kit';
import { authKit } from '@workos/authkit-sveltekit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  redirect(302, await authKit.getSignUpUrl({ returnTo: '/account' }), { external: true });
};
