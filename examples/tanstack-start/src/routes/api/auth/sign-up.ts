import { handleSignInRoute } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/api/auth/sign-up')({
  server: { handlers: { GET: handleSignInRoute({ screenHint: 'sign-up' }) } },
});
