import { createCsrfMiddleware, createStart } from '@tanstack/react-start';
import { authkitMiddleware } from '@workos/authkit-tanstack-react-start';

export const startInstance = createStart(() => ({
  requestMiddleware: [
    // Reject cross-site calls of server functions and state-changing server routes.
    createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === 'serverFn' || ctx.request.method !== 'GET' }),
    authkitMiddleware(),
  ],
}));
