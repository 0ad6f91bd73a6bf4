import { getSessionRefresh, withAuth } from '../../../lib/authkit';

// A JSON endpoint that needs auth: the session as the proxy forwarded it for this request.
export async function GET() {
  const auth = await withAuth();
  if (!auth.user) return Response.json({ user: null }, { status: 401 });
  return Response.json({
    user: { id: auth.user.id, email: auth.user.email },
    sessionId: auth.sessionId,
    organizationId: auth.organizationId ?? null,
    refresh: await getSessionRefresh(),
  });
}
