import { isAuthKitError, switchToOrganization } from '@authkit-ssr/nextjs';

// POST organizationId (form or JSON) → switches the session's organization. The page uses a
// Server Action; this route serves plain HTTP clients and tests.
export async function POST(request: Request) {
  const isJson = request.headers.get('content-type')?.includes('application/json');
  const body = isJson
    ? ((await request.json()) as { organizationId?: unknown })
    : Object.fromEntries(await request.formData());
  const organizationId = typeof body.organizationId === 'string' ? body.organizationId : '';
  try {
    const auth = await switchToOrganization(organizationId, { revalidationStrategy: 'none' });
    return Response.json({ organizationId: auth.organizationId ?? null });
  } catch (error) {
    if (isAuthKitError(error) && (error.status < 500 || error.isTransient)) {
      return Response.json({ error: error.code }, { status: error.isTransient ? 503 : error.status });
    }
    throw error;
  }
}
