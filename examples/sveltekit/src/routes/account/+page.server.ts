import { authKit } from '@authkit-ssr/sveltekit';
import { fail, isHttpError } from '@sveltejs/kit';
import { listOrganizations } from '#lib/organizations.ts';
import { sessionInfo } from '#lib/session-info.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = authKit.withAuth(async (event) => ({
  session: sessionInfo(event, event.auth),
  organizations: await listOrganizations(event.auth.user.id, event.auth.organizationId),
}));

export const actions: Actions = {
  // Redirects (303) back to /account with the new session; a bad choice shows an error instead.
  switchOrganization: async (event) => {
    const organizationId = (await event.request.formData()).get('organizationId');
    if (typeof organizationId !== 'string' || !organizationId) {
      return fail(400, { error: 'Choose an organization' });
    }
    try {
      return await authKit.switchOrganization(event, { organizationId });
    } catch (error) {
      if (isHttpError(error) && error.status < 500) return fail(error.status, { error: error.body.message });
      throw error;
    }
  },
};
