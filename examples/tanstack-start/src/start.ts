import { authkitMiddleware } from '@authkit-ssr/tanstack-start';
import { createCsrfMiddleware, createIsomorphicFn, createStart } from '@tanstack/react-start';
import { refreshCoordinatorFromEnv } from './server/refresh-coordinator.server';

// REDIS_URL set → one refresh across all processes of the app (server only; undefined in the browser).
const refreshCoordinator = createIsomorphicFn().server(() => refreshCoordinatorFromEnv());

export const startInstance = createStart(() => ({
  requestMiddleware: [
    // With a src/start.ts, Start's CSRF check is ours to register: server functions and every
    // state-changing server route (sign-out, organization switch) must come from our own pages.
    createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === 'serverFn' || ctx.request.method !== 'GET' }),
    authkitMiddleware({ refreshCoordinator: refreshCoordinator() }),
  ],
}));
