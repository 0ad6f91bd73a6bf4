import { handleCallbackRoute } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/api/auth/callback')({
  server: { handlers: { GET: handleCallbackRoute() } },
});
