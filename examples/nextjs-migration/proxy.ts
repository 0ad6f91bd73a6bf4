import { authkitProxy } from '@workos-inc/authkit-nextjs';

// Every page needs a signed-in user except these; the API routes answer 401 themselves.
export default authkitProxy({
  middlewareAuth: {
    enabled: true,
    unauthenticatedPaths: ['/', '/login', '/sign-up', '/api/:path*'],
  },
  signUpPaths: ['/welcome'],
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
