import { authkitMiddleware } from '@authkit-ssr/tanstack-start';
import { createCsrfMiddleware, createStart } from '@tanstack/react-start';

export const startInstance = createStart(() => ({
  requestMiddleware: [
    // With a src/start.ts, Start's CSRF check is ours to register: server functions and every
    // state-changing server route (sign-out, organization switch) must come from our own pages.
    createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === 'serverFn' || ctx.request.method !== 'GET' }),
    authkitMiddleware(),
  ],
}));
