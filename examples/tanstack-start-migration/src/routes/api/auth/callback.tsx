import { createFileRoute } from '@tanstack/react-router';
import { handleCallbackRoute } from '@workos/authkit-tanstack-react-start';

export const Route = createFileRoute('/api/auth/callback')({
  server: {
    handlers: {
      GET: handleCallbackRoute({
        onSuccess: ({ user, authenticationMethod }) => {
          console.log(`signed in: ${user.id} (${authenticationMethod ?? 'unknown method'})`);
        },
      }),
    },
  },
});
