import { handleSignOutRoute } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';

// GET is mounted too so that it is answered 405 (a link or an image on another site must not sign
// anyone out) instead of falling through to the router.
const signOut = handleSignOutRoute();

export const Route = createFileRoute('/api/auth/sign-out')({
  server: { handlers: { GET: signOut, POST: signOut } },
});
