import { createFileRoute } from '@tanstack/react-router';
import { getAuth } from '@workos/authkit-tanstack-react-start';

export const Route = createFileRoute('/api/me')({
  server: {
    handlers: {
      GET: async () => {
        const auth = await getAuth();
        if (!auth.user) return Response.json({ user: null }, { status: 401 });
        return Response.json({
          user: { id: auth.user.id, email: auth.user.email },
          organizationId: auth.organizationId ?? null,
        });
      },
    },
  },
});
