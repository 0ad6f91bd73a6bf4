import { applySessionCacheHeaders } from './cache-headers.js';
import type { OrganizationChoice } from './organization-selection.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The default organization picker, served by the callback URL itself: one link per organization,
 * back to the same URL with `organization_id` (relative links keep the public origin behind proxies).
 */
export function organizationPickerPage(
  organizations: readonly OrganizationChoice[],
  selectionParam: string,
  nonce: string,
): Response {
  const items = organizations
    .map((organization) => {
      const query = new URLSearchParams({ [selectionParam]: nonce, organization_id: organization.id });
      return `<li><a href="?${escapeHtml(query.toString())}">${escapeHtml(organization.name)}</a></li>`;
    })
    .join('');
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Choose an organization</title><body><h1>Choose an organization</h1><p>Your account belongs to several organizations. Which one do you want to sign in to?</p><ul>${items}</ul></body></html>`;
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
  applySessionCacheHeaders(headers);
  return new Response(html, { status: 200, headers });
}
