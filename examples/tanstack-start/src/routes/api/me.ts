import { createFileRoute } from '@tanstack/react-router';

// A JSON endpoint that needs auth: the HTTP-level stand-in for a server function in the contract
// suite (server-function RPC payloads are seroval-encoded and CSRF-guarded).
export const Route = createFileRoute('/api/me')({
  server: {
    handlers: {
      GET: ({ context }) => {
        const { authkit } = context;
        const auth = context.auth();
        if (!auth.user) return Response.json({ user: null }, { status: 401 });
        return Response.json({
          user: { id: auth.user.id, email: auth.user.email },
          sessionId: auth.sessionId,
          organizationId: auth.organizationId ?? null,
          refresh: authkit.refresh ?? null,
        });
      },
    },
  },
});
