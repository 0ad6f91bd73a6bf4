import type { NextRequest, NextResponse } from 'next/server';
import type { AppCore } from './app-core.js';
import { type AuthkitOptions, authenticateRequest, returnPathOf } from './authkit.js';
import { handleAuthkitHeaders } from './authkit-headers.js';
import { compilePathPatterns, matchesPath, type PathPattern } from './path-pattern.js';
import type { RouteHandler } from './route-handlers.js';

/** `middlewareAuth` of {@link AuthkitMiddlewareOptions}. */
export interface AuthkitMiddlewareAuth {
  /** Every path the proxy runs on needs a signed-in user, except `unauthenticatedPaths`. */
  enabled: boolean;
  /** Paths open to signed-out visitors (Next.js matcher syntax). The callback route always is. */
  unauthenticatedPaths: PathPattern[];
}

/** Options of `authkitProxy` / `authkitMiddleware`. */
export interface AuthkitMiddlewareOptions
  extends Pick<AuthkitOptions, 'debug' | 'redirectUri' | 'eagerAuth' | 'refreshBufferSeconds'> {
  /** Protect every path the proxy runs on. Default `{ enabled: false, unauthenticatedPaths: [] }`. */
  middlewareAuth?: AuthkitMiddlewareAuth;
  /** Paths whose signed-out visitors are sent to the sign-up screen instead of sign-in. */
  signUpPaths?: PathPattern[];
  /** Paths that need a signed-in user even when `middlewareAuth` is off. */
  protectedPaths?: PathPattern[];
}

/**
 * The query parameter `withAuth({ ensureSignedIn: true })` redirects with: the proxy, which runs on
 * that page, starts the sign-in (a server component cannot set the sign-in cookie itself).
 */
export const SIGN_IN_PARAMETER = 'authkit-sign-in';

/** The proxy for `proxy.ts` (Node) or `middleware.ts` (edge), bound to one app's core. */
export function createAuthkitProxy<TClaims extends object>(
  app: AppCore<TClaims>,
  builtInRoutes: { accessToken: RouteHandler; signOut: RouteHandler },
  options: AuthkitMiddlewareOptions = {},
): (request: NextRequest) => Promise<Response> {
  const { middlewareAuth = { enabled: false, unauthenticatedPaths: [] }, debug } = options;
  // Compiled now: a pattern we cannot read fails at startup instead of leaving pages unprotected.
  const unauthenticated = compilePathPatterns(
    middlewareAuth.unauthenticatedPaths,
    'middlewareAuth.unauthenticatedPaths',
  );
  const signUp = compilePathPatterns(options.signUpPaths ?? [], 'signUpPaths');
  const protectedPaths = compilePathPatterns(options.protectedPaths ?? [], 'protectedPaths');

  return async function proxy(request) {
    const { pathname, searchParams } = request.nextUrl;
    // The routes the client components call, served here when the matcher covers them.
    if (pathname === app.accessTokenPath && (request.method === 'GET' || request.method === 'POST'))
      return builtInRoutes.accessToken(request);
    if (pathname === app.signOutPath && request.method === 'POST') return builtInRoutes.signOut(request);
    const core = app.core(options.refreshBufferSeconds);
    const callbackPath = new URL(options.redirectUri ?? core.options.redirectUri).pathname;
    const isSignUpPath = matchesPath(pathname, signUp);
    const { session, headers } = await authenticateRequest(app, request, options, false);

    const signInRequested = searchParams.has(SIGN_IN_PARAMETER);
    const needsUser =
      signInRequested ||
      matchesPath(pathname, protectedPaths) ||
      (middlewareAuth.enabled &&
        pathname !== callbackPath &&
        pathname !== app.signInPath &&
        !matchesPath(pathname, unauthenticated));
    if (session.user || !needsUser || headers.has('x-workos-unavailable')) {
      if (signInRequested && session.user) {
        const back = new URL(request.nextUrl);
        back.searchParams.delete(SIGN_IN_PARAMETER);
        return handleAuthkitHeaders(request, headers, { redirect: back });
      }
      return handleAuthkitHeaders(request, headers);
    }
    if (debug)
      console.log(`[authkit-ssr] signed-out visitor on protected ${pathname}: redirecting to sign-in`);
    const returnTo = new URL(request.nextUrl);
    returnTo.searchParams.delete(SIGN_IN_PARAMETER);
    const start = (path?: string) =>
      core.getSignInUrl({
        returnTo: path,
        screenHint: isSignUpPath ? 'sign-up' : 'sign-in',
        redirectUri: options.redirectUri,
        request,
      });
    const signIn = await start(returnPathOf(returnTo)).catch(() => start());
    for (const cookie of signIn.setCookies) headers.append('set-cookie', cookie);
    return handleAuthkitHeaders(request, headers, { redirect: signIn.url }) as NextResponse;
  };
}
