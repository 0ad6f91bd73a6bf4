import { applySessionCacheHeaders } from './cache-headers.js';
import type { AuthKitError } from './errors.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Options of {@link authErrorResponse}. */
export interface AuthErrorResponseOptions {
  /**
   * Always answer the HTML page, whatever the request's `Accept` header says: for routes that are
   * browser navigations (the callback, sign-in and sign-out routes). Default false.
   */
  page?: boolean;
}

/**
 * The response an adapter sends when an {@link AuthKitError} ends a request: the error's status
 * (4xx for a bad callback or return path, 503 with `Retry-After` for an outage), a short HTML page
 * for browsers (or always, with `page: true`) and JSON for everything else, never cached.
 * User-facing errors show their message; others only their code. Messages never hold tokens or
 * cookies, and are HTML-escaped.
 */
export function authErrorResponse(
  error: AuthKitError,
  request?: Pick<Request, 'headers'>,
  options: AuthErrorResponseOptions = {},
): Response {
  const headers = new Headers();
  applySessionCacheHeaders(headers);
  if (error.isTransient) headers.set('Retry-After', String(Math.ceil(error.retryAfterSeconds ?? 5)));
  const title = error.isTransient ? 'Sign-in is temporarily unavailable' : 'Sign-in failed';
  const message = error.isUserFacing ? error.message : 'Something went wrong while checking your session.';
  if (options.page || request?.headers.get('accept')?.includes('text/html')) {
    headers.set('Content-Type', 'text/html; charset=utf-8');
    const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body><h1>${title}</h1><p>${escapeHtml(message)}</p><p><code>${error.code}</code></p><p><a href="/">Back to the home page</a></p></body></html>`;
    return new Response(html, { status: error.status, headers });
  }
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify({ error: error.code, message }), { status: error.status, headers });
}
