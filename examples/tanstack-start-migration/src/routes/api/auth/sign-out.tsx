import { createFileRoute } from '@tanstack/react-router';
import { signOut } from '@workos/authkit-tanstack-react-start';

// signOut() redirects to WorkOS's logout URL (and clears the session cookie).
const handler = async () => {
  await signOut({ data: { returnTo: '/' } });
  return new Response(null, { status: 204 });
};

export const Route = createFileRoute('/api/auth/sign-out')({
  server: { handlers: { GET: handler, POST: handler } },
});
