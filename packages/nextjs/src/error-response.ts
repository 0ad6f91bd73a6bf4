import type { AuthKitError } from '@authkit-ssr/core';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A small page (or JSON for API clients) for an {@link AuthKitError} that ends a request: 4xx for
 * bad input, 503 with `Retry-After` for outages (never 500: the session is kept).
 */
export function errorResponse(error: AuthKitError, request?: Pick<Request, 'headers'>): Response {
  const status = error.isTransient ? 503 : error.status;
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (error.retryAfterSeconds !== undefined) headers.set('Retry-After', String(error.retryAfterSeconds));
  const message = error.isUserFacing ? error.message : 'Authentication failed.';
  const accept = request?.headers.get('accept') ?? '';
  if (accept.includes('application/json') && !accept.includes('text/html'))
    return Response.json({ error: error.code, message }, { status, headers });
  const title = error.isTransient ? 'Sign-in service unavailable' : 'Sign-in failed';
  const hint = error.isTransient ? 'Please try again in a moment.' : '<a href="/">Back to the home page</a>';
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(message)}</p><p>${hint}</p></body></html>`,
    { status, headers },
  );
}
