import { authKit } from '@workos/authkit-sveltekit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  const formData = await event.request.formData();
  return authKit.switchOrganization(event, { organizationId: formData.get('organizationId') as string });
};
