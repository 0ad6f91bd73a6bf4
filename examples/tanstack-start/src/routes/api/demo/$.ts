import { createFileRoute } from '@tanstack/react-router';

// The race demo's routes, answered by core: POST /api/demo/expire and GET /api/demo/stats. They
// exist only with AUTHKIT_DEMO_MODE=true against the emulator; otherwise core answers 404.
export const Route = createFileRoute('/api/demo/$')({
  server: {
    handlers: {
      GET: async ({ request, context }) => (await context.authkit.core.handleDemoRoute(request)).response,
      POST: async ({ request, context }) => (await context.authkit.core.handleDemoRoute(request)).response,
    },
  },
});
