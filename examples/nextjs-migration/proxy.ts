import {
  authkit,
  authkitProxy,
  getTokenClaims,
  handleAuthkitHeaders,
  TokenRefreshError,
} from '@workos-inc/authkit-nextjs';
import type { NextRequest } from 'next/server';

// The kit's debug logging, off unless AUTHKIT_EXAMPLE_DEBUG=1 (the kit's default is off).
const debug = process.env.AUTHKIT_EXAMPLE_DEBUG === '1';

// Every page needs a signed-in user except these; the API routes answer 401 themselves.
const protectPages = authkitProxy({
  debug,
  middlewareAuth: {
    enabled: true,
    unauthenticatedPaths: ['/', '/login', '/sign-up', '/api/:path*'],
  },
  signUpPaths: ['/welcome'],
});

export default async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === '/api/composed') return composed(request);
  return protectPages(request);
}

// The kit takes the refresh callbacks on authkit() only: /api/composed runs it, composed the way the
// kit's README shows, and the callbacks log what they were given (never a token).
async function composed(request: NextRequest) {
  const { headers } = await authkit(request, {
    debug,
    onSessionRefreshSuccess: async ({ accessToken, user, organizationId }) => {
      const { sub } = await getTokenClaims(accessToken);
      console.log(
        `[refresh callback] success user=${user.email} organization=${organizationId ?? 'none'} token-subject=${sub}`,
      );
    },
    onSessionRefreshError: ({ error, request }) => {
      console.log(
        `[refresh callback] error path=${request.nextUrl.pathname} token-refresh-error=${error instanceof TokenRefreshError}`,
      );
    },
  });
  return handleAuthkitHeaders(request, headers);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
