import { switchOrganizationInPlace } from '@authkit-ssr/sveltekit';
import { isHttpError } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// POST organizationId (form or JSON) → switches the session's organization and answers JSON. The
// page uses the form action on /account; this endpoint serves fetch() callers and HTTP tests.
export const POST: RequestHandler = async (event) => {
  const isJson = event.request.headers.get('content-type')?.includes('application/json');
  const body = isJson
    ? ((await event.request.json()) as { organizationId?: unknown })
    : Object.fromEntries(await event.request.formData());
  const organizationId = typeof body.organizationId === 'string' ? body.organizationId : '';
  try {
    const auth = await switchOrganizationInPlace(event, organizationId);
    return Response.json({ organizationId: auth.organizationId ?? null });
  } catch (error) {
    if (isHttpError(error) && error.status < 500) {
      return Response.json({ error: error.body.message }, { status: error.status });
    }
    throw error;
  }
};
