import { createFileRoute } from '@tanstack/react-router';
import { switchToOrganization } from '@workos/authkit-tanstack-react-start';

// POST form field organizationId → the session moves to that organization.
export const Route = createFileRoute('/api/organization')({
  server: {
    handlers: {
      POST: async ({ request }) => {
        const organizationId = String((await request.formData()).get('organizationId') ?? '');
        const auth = await switchToOrganization({ data: { organizationId } });
        return Response.json({ organizationId: auth.organizationId ?? null });
      },
    },
  },
});
