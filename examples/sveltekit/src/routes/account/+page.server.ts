import { requireAuth, switchToOrganization } from '@authkit-ssr/sveltekit';
import { fail, isHttpError } from '@sveltejs/kit';
import { listOrganizations } from '#lib/organizations.ts';
import { loadSessionInfo } from '#lib/session-info.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const auth = await requireAuth(event);
  const [session, organizations] = await Promise.all([
    loadSessionInfo(event),
    listOrganizations(auth.user.id, auth.organizationId),
  ]);
  return { session, organizations };
};

export const actions: Actions = {
  switchOrganization: async (event) => {
    const organizationId = (await event.request.formData()).get('organizationId');
    if (typeof organizationId !== 'string' || !organizationId) {
      return fail(400, { error: 'Choose an organization' });
    }
    try {
      const auth = await switchToOrganization(event, organizationId);
      return { switchedTo: auth.organizationId ?? null };
    } catch (error) {
      if (isHttpError(error) && error.status < 500) return fail(error.status, { error: error.body.message });
      throw error;
    }
  },
};
