import { json } from '@sveltejs/kit';
import { authKit } from '@workos/authkit-sveltekit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const user = await authKit.getUser(event);
  if (!user) return json({ user: null }, { status: 401 });
  return json({ user: { id: user.id, email: user.email }, organizationId: event.locals.auth.organizationId });
};
