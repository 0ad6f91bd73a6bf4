import { handleSignOutRoute } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/api/auth/sign-out')({
  server: { handlers: { POST: handleSignOutRoute() } },
});
