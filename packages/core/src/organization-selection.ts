import { serializeSetCookie } from './cookie-header.js';
import { sealData, unsealData } from './iron.js';
import type { ResolvedOptions } from './options.js';
import { signInCookieAttributes } from './sign-in.js';
import { randomBase64Url, timingSafeEqual } from './web-crypto.js';

/** The query parameter that carries a pending organization selection's nonce back to the callback. */
export const ORGANIZATION_SELECTION_PARAM = 'organization_selection';

/** An organization the user may choose at sign-in. */
export interface OrganizationChoice {
  id: string;
  name: string;
}

/**
 * A sign-in that WorkOS paused with `organization_selection_required`: the user belongs to several
 * organizations and must pick one. Kept in one sealed, short-lived cookie (one pending selection
 * per browser; a newer sign-in replaces it).
 */
export interface PendingOrganizationSelection {
  /** Binds the picker's links to this browser's cookie: compared in constant time. */
  nonce: string;
  pendingAuthenticationToken: string;
  organizations: OrganizationChoice[];
  returnTo: string;
  customState?: string;
  expiresAt: number;
}

/** At most this many organizations are offered (and stored in the cookie). */
const MAX_ORGANIZATIONS = 50;
const MAX_NAME_LENGTH = 100;
const MAX_COOKIE_LENGTH = 8 * 1024;

/** The name of the pending organization-selection cookie. */
export function organizationSelectionCookieName(options: ResolvedOptions): string {
  return `${options.cookieName}-organization-selection`;
}

/** The organizations of WorkOS's `organization_selection_required` body, bounded and checked. */
export function readOrganizationChoices(value: unknown): OrganizationChoice[] {
  if (!Array.isArray(value)) return [];
  const choices: OrganizationChoice[] = [];
  for (const item of value.slice(0, MAX_ORGANIZATIONS)) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, name } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id === '' || id.length > 200) continue;
    choices.push({ id, name: typeof name === 'string' ? name.slice(0, MAX_NAME_LENGTH) : id });
  }
  return choices;
}

/** A new pending selection and the `Set-Cookie` that stores it. */
export async function createPendingOrganizationSelection(
  params: Omit<PendingOrganizationSelection, 'nonce' | 'expiresAt'>,
  options: ResolvedOptions,
  now: number,
): Promise<{ pending: PendingOrganizationSelection; setCookie: string }> {
  const pending: PendingOrganizationSelection = {
    ...params,
    nonce: randomBase64Url(24),
    expiresAt: now + options.signInTtlSeconds * 1000,
  };
  const sealed = await sealData(pending, options.cookiePasswords);
  return {
    pending,
    setCookie: serializeSetCookie(
      organizationSelectionCookieName(options),
      sealed,
      signInCookieAttributes(options),
    ),
  };
}

/** The `Set-Cookie` that deletes the pending selection. */
export function clearPendingOrganizationSelection(options: ResolvedOptions): string {
  return serializeSetCookie(organizationSelectionCookieName(options), '', {
    ...signInCookieAttributes(options),
    maxAgeSeconds: 0,
  });
}

function isPendingSelection(value: unknown): value is PendingOrganizationSelection {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.nonce === 'string' &&
    typeof entry.pendingAuthenticationToken === 'string' &&
    Array.isArray(entry.organizations) &&
    typeof entry.returnTo === 'string' &&
    typeof entry.expiresAt === 'number' &&
    (entry.customState === undefined || typeof entry.customState === 'string')
  );
}

/**
 * The browser's pending selection when `nonce` matches it and it has not expired; `undefined`
 * otherwise (missing, unreadable, expired, or another sign-in's link).
 */
export async function readPendingOrganizationSelection(
  cookieValue: string | undefined,
  nonce: string,
  options: ResolvedOptions,
  now: number,
): Promise<PendingOrganizationSelection | undefined> {
  if (!cookieValue || cookieValue.length > MAX_COOKIE_LENGTH) return undefined;
  let data: unknown;
  try {
    data = await unsealData(cookieValue, options.cookiePasswords);
  } catch {
    return undefined;
  }
  if (!isPendingSelection(data) || data.expiresAt <= now) return undefined;
  if (!timingSafeEqual(data.nonce, nonce)) return undefined;
  return { ...data, organizations: readOrganizationChoices(data.organizations) };
}
