import { withAuth } from '@workos-inc/authkit-nextjs';

export async function GET() {
  const { user, organizationId } = await withAuth();
  if (!user) return Response.json({ user: null }, { status: 401 });
  return Response.json({ user: { id: user.id, email: user.email }, organizationId: organizationId ?? null });
}
