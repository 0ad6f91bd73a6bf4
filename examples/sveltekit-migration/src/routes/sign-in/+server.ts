import { redirect } from '@sveltejs/kit';
import { authKit } from '@workos/authkit-sveltekit';
import type { RequestHandler } from './$types';

// `external: true` is SvelteKit 3's rule for redirects to another origin (SvelteKit 2 ignores it).
export const GET: RequestHandler = async ({ url }) => {
  const signInUrl = await authKit.getSignInUrl({ returnTo: url.searchParams.get('returnTo') ?? '/' });
  redirect(302, signInUrl, { external: true });
};
