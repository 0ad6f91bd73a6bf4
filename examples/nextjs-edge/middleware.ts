import { authkit, handleAuthkitHeaders } from '@authkit-ssr/nextjs';
import type { NextRequest } from 'next/server';

// middleware.ts runs on the edge runtime (Next.js 15): the same adapter, on Web APIs only. This
// example composes it by hand (authkit() + handleAuthkitHeaders), as an app does to combine it with
// its own logic; route handlers and pages still run on Node.js and read the session it forwarded.
export async function middleware(request: NextRequest) {
  const { session, headers, authorizationUrl } = await authkit(request);
  if (request.nextUrl.pathname.startsWith('/account') && !session.user && authorizationUrl) {
    return handleAuthkitHeaders(request, headers, { redirect: authorizationUrl });
  }
  return handleAuthkitHeaders(request, headers);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
