import { withAuth } from '@workos-inc/authkit-nextjs';

// The session as the proxy's authkit() composition left it (see proxy.ts).
export async function GET() {
  const { user } = await withAuth();
  return Response.json({ user: user ? { id: user.id, email: user.email } : null });
}
