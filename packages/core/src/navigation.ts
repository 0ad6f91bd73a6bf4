import { applySessionCacheHeaders } from './cache-headers.js';

/**
 * Whether a request is a browser's top-level document navigation, rather than a `fetch`, a
 * prefetch or a framework's data request. Only a navigation should start a sign-in: a fetch that
 * follows a redirect to WorkOS fails on CORS, and every prefetch would leave a pending sign-in
 * cookie behind. Browsers say what a request is for in `Sec-Fetch-Dest` (`document` for a page);
 * requests without it (curl, server-side `fetch`) count as navigations.
 */
export function isDocumentNavigation(request: { headers: Pick<Headers, 'get'> }): boolean {
  const purpose = `${request.headers.get('sec-purpose') ?? ''} ${request.headers.get('purpose') ?? ''}`;
  if (purpose.toLowerCase().includes('prefetch')) return false;
  const destination = request.headers.get('sec-fetch-dest');
  return destination === null || destination === 'document';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The answer to a request that needs a sign-in but is not a navigation: a small HTML page linking to
 * `url`, no cookie, never cached. Client routers (Next.js, SvelteKit, TanStack Router) that get an
 * HTML page instead of their data load it as a full page, which then signs in normally.
 */
export function navigationRequiredResponse(url: string): Response {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
  applySessionCacheHeaders(headers);
  const link = escapeHtml(url);
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign in</title><body><p><a href="${link}">Sign in to continue</a></p></body></html>`;
  return new Response(html, { status: 200, headers });
}
