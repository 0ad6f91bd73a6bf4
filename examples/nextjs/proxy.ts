import { authkitProxy } from './lib/authkit';

// Runs on Node.js for every page, route handler and action (not for static assets): it
// authenticates once, refreshes the session when needed and forwards it to the rest of the request.
// With REDIS_URL set, it refreshes through Redis (lib/authkit.ts): one refresh across all processes.
export const proxy = authkitProxy({
  middlewareAuth: {
    enabled: true,
    // Public pages; the API routes answer 401 themselves instead of redirecting.
    // (/settings asks for a user itself, with withAuth({ ensureSignedIn: true }); /race offers sign-in;
    // /bench/control is the benchmark's auth-free control route.)
    unauthenticatedPaths: ['/', '/api/:path*', '/settings', '/race', '/bench/:path*'],
  },
  // Signed-out visitors of these pages land on the sign-up screen.
  signUpPaths: ['/welcome'],
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
