import { switchToOrganization, withAuth } from '@workos-inc/authkit-nextjs';

export async function POST(request: Request) {
  const { user } = await withAuth();
  if (!user) return Response.json({ error: 'signed out' }, { status: 401 });
  const organizationId = String((await request.formData()).get('organizationId') ?? '');
  try {
    const auth = await switchToOrganization(organizationId, { revalidationStrategy: 'none' });
    return Response.json({ organizationId: auth.organizationId ?? null });
  } catch {
    return Response.json({ error: 'switch refused' }, { status: 403 });
  }
}
