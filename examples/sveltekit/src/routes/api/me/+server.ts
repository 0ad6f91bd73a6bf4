import { getAuthState } from '@authkit-ssr/sveltekit';
import type { RequestHandler } from './$types';

// A JSON endpoint that needs auth.
export const GET: RequestHandler = (event) => {
  const { auth, refresh } = getAuthState(event);
  if (!auth) return Response.json({ user: null }, { status: 401 });
  return Response.json({
    user: { id: auth.user.id, email: auth.user.email },
    sessionId: auth.sessionId,
    organizationId: auth.organizationId ?? null,
    refresh,
  });
};
