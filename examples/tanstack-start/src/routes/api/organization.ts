import { isAuthKitError, switchToOrganization } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';

// POST organizationId (form or JSON) → switches the session's organization. The UI uses the
// switchToOrganization server function directly; this route serves plain HTML forms and HTTP tests.
export const Route = createFileRoute('/api/organization')({
  server: {
    handlers: {
      POST: async ({ request }) => {
        const isJson = request.headers.get('content-type')?.includes('application/json');
        const body = isJson
          ? ((await request.json()) as { organizationId?: unknown })
          : Object.fromEntries(await request.formData());
        const organizationId = typeof body.organizationId === 'string' ? body.organizationId : '';
        try {
          const auth = await switchToOrganization({ data: { organizationId } });
          return Response.json({ organizationId: auth.organizationId ?? null });
        } catch (error) {
          if (isAuthKitError(error) && error.status < 500) {
            return Response.json({ error: error.code }, { status: error.status });
          }
          throw error;
        }
      },
    },
  },
});
