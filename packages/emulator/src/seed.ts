import { readFileSync } from 'node:fs';

/** A user in the seed. Only `email` is required; `password` enables the email + password form. */
export interface SeedUser {
  /** Default: a generated `user_…` id. */
  id?: string;
  email: string;
  /** Plain text; users without one can still be picked from the list on the sign-in page. */
  password?: string;
  firstName?: string | null;
  lastName?: string | null;
  /** Default `true`. */
  emailVerified?: boolean;
  profilePictureUrl?: string | null;
  externalId?: string | null;
  locale?: string | null;
  metadata?: Record<string, string>;
  /**
   * With two or more active memberships, this user's code exchanges answer 403
   * `organization_selection_required` unless authorize named an organization. Default `false`;
   * the `organizationSelection` setting does the same for every user.
   */
  organizationSelection?: boolean;
}

/** An organization domain; a bare string means a verified domain. */
export type SeedDomain =
  | string
  | {
      id?: string;
      domain: string;
      state?: 'verified' | 'pending' | 'failed';
      verificationStrategy?: 'dns' | 'manual';
    };

/** An organization in the seed, with the entitlements and feature flags its access tokens carry. */
export interface SeedOrganization {
  /** Default: a generated `org_…` id. */
  id?: string;
  name: string;
  domains?: SeedDomain[];
  /** Copied into the `entitlements` claim of tokens scoped to this organization. */
  entitlements?: string[];
  /** Copied into the `feature_flags` claim of tokens scoped to this organization. */
  featureFlags?: string[];
  externalId?: string | null;
  metadata?: Record<string, string>;
}

/** A user's membership of an organization. */
export interface SeedMembership {
  /** Default: a generated `om_…` id. */
  id?: string;
  /** The user's id or email. */
  user: string;
  /** The organization's id or name. */
  organization: string;
  /** Primary role slug. Default `'member'` (or the first of `roles`). */
  role?: string;
  /** All role slugs; the primary role is added when missing. */
  roles?: string[];
  /** Only `active` memberships can scope a session. Default `'active'`. */
  status?: 'active' | 'inactive' | 'pending';
}

/** A role and the permissions it grants (the `permissions` claim is the union over a membership's roles). */
export interface SeedRole {
  slug: string;
  permissions?: string[];
}

/**
 * Marks every sign-in of `user` through the authorize endpoint as an impersonation: the
 * access token gets `act: { sub: email }`, and the authenticate response
 * `impersonator: { email, reason }` with `authentication_method: 'Impersonation'`.
 */
export interface SeedImpersonation {
  /** The impersonated user's id or email. */
  user: string;
  /** The impersonating dashboard user's email. */
  email: string;
  reason?: string | null;
}

/**
 * An API key that `POST /api_keys/validations` recognises by its `value`. Owned by `organization`,
 * or by `user` within `organization` (a user API key).
 */
export interface SeedApiKey {
  /** Default: a generated `api_key_…` id. */
  id?: string;
  /** The secret a client presents (e.g. in `Authorization: Bearer …`). */
  value: string;
  /** Default `'API key'`. */
  name?: string;
  /** The owning organization's id or name. */
  organization: string;
  /** The owning user's id or email; without it the organization owns the key. */
  user?: string;
  permissions?: string[];
}

/**
 * The emulator's initial data, as an object or as a JSON file with the same shape. Every
 * list is optional. Without any seed the emulator uses {@link DEFAULT_SEED}.
 *
 * @example
 * ```json
 * {
 *   "users": [{ "id": "user_01A", "email": "ada@example.com", "password": "password" }],
 *   "organizations": [{ "id": "org_01A", "name": "Acme", "domains": ["acme.test"] }],
 *   "memberships": [{ "user": "ada@example.com", "organization": "org_01A", "role": "admin" }],
 *   "roles": [{ "slug": "admin", "permissions": ["posts:write"] }]
 * }
 * ```
 */
export interface EmulatorSeed {
  users?: SeedUser[];
  organizations?: SeedOrganization[];
  memberships?: SeedMembership[];
  roles?: SeedRole[];
  impersonations?: SeedImpersonation[];
  apiKeys?: SeedApiKey[];
}

/**
 * The data used when no seed is given: Ada (admin of Acme, member of Globex, so a demo can
 * switch organizations) and Grace (admin of Globex), both with password `password`.
 */
export const DEFAULT_SEED: EmulatorSeed = {
  users: [
    {
      id: 'user_01JADAADAADAADAADAADAADA01',
      email: 'ada@example.com',
      password: 'password',
      firstName: 'Ada',
      lastName: 'Lovelace',
    },
    {
      id: 'user_01JGRACEGRACEGRACEGRACE02',
      email: 'grace@example.com',
      password: 'password',
      firstName: 'Grace',
      lastName: 'Hopper',
    },
  ],
  organizations: [
    {
      id: 'org_01JACMEACMEACMEACMEACME001',
      name: 'Acme',
      domains: ['acme.test'],
      entitlements: ['audit-logs'],
      featureFlags: ['new-dashboard'],
    },
    { id: 'org_01JGX0BEXGX0BEXGX0BEXGX002', name: 'Globex', domains: ['globex.test'] },
  ],
  memberships: [
    { user: 'ada@example.com', organization: 'Acme', role: 'admin' },
    { user: 'ada@example.com', organization: 'Globex', role: 'member' },
    { user: 'grace@example.com', organization: 'Globex', role: 'admin' },
  ],
  roles: [
    { slug: 'admin', permissions: ['posts:read', 'posts:write', 'members:manage'] },
    { slug: 'member', permissions: ['posts:read'] },
  ],
};

/** Reads a seed given as an object or as a path to a JSON file; `undefined` gives {@link DEFAULT_SEED}. */
export function loadSeed(seed: EmulatorSeed | string | undefined): EmulatorSeed {
  if (seed === undefined) return DEFAULT_SEED;
  if (typeof seed !== 'string') return seed;
  const parsed: unknown = JSON.parse(readFileSync(seed, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`The seed file ${seed} must contain a JSON object.`);
  }
  return parsed as EmulatorSeed;
}
