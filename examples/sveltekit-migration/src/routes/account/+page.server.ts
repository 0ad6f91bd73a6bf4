import { authKit } from '@workos/authkit-sveltekit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  return { email: locals.auth.user!.email, sessionId: locals.auth.sessionId };
};

export const actions: Actions = {
  rename: authKit.withAuth(async ({ auth, request }) => {
    const formData = await request.formData();
    return { greeting: `${formData.get('nickname')} is ${auth.user.email}` };
  }),
  switchOrg: async (event) => {
    const formData = await event.request.formData();
    const orgId = formData.get('organizationId') as string;
    return authKit.switchOrganization(event, { organizationId: orgId });
  },
  signout: async (event) => {
    return authKit.signOut(event);
  },
};
