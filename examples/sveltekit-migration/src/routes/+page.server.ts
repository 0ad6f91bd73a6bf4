import { authKit } from '@workos/authkit-sveltekit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (locals.auth.user) return { signInUrl: null, signUpUrl: null };
  return {
    signInUrl: await authKit.getSignInUrl({ returnTo: '/account' }),
    signUpUrl: await authKit.getSignUpUrl({ returnTo: '/account' }),
  };
};
