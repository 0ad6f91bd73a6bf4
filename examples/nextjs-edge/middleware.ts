import { authkitProxy } from '@authkit-ssr/nextjs';

// middleware.ts runs on the edge runtime by default (proxy.ts always runs on Node.js): the same
// adapter, on Web APIs only. Route handlers and pages still run on Node.js; they read the session
// the middleware forwarded.
export const middleware = authkitProxy({
  middlewareAuth: { enabled: true, unauthenticatedPaths: ['/', '/api/:path*'] },
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
