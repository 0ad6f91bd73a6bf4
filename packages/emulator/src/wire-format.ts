import type { EmulatorState, MembershipRecord, OrganizationRecord, UserRecord } from './emulator-state.js';

/** A user as the WorkOS API sends it (spec `UserlandUser`, plus `name` which SDK v10+ reads). */
export interface WireUser {
  object: 'user';
  id: string;
  email: string;
  email_verified: boolean;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  profile_picture_url: string | null;
  last_sign_in_at: string | null;
  locale: string | null;
  external_id: string | null;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/**
 * A user as `@workos-inc/node` returns it (its `User` type), for sessions issued from code.
 */
export interface EmulatorUser {
  object: 'user';
  id: string;
  email: string;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  profilePictureUrl: string | null;
  lastSignInAt: string | null;
  locale: string | null;
  externalId: string | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** Serializes a user for the wire. */
export function toWireUser(user: UserRecord): WireUser {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    object: 'user',
    id: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    first_name: user.firstName,
    last_name: user.lastName,
    name: name || null,
    profile_picture_url: user.profilePictureUrl,
    last_sign_in_at: user.lastSignInAt,
    locale: user.locale,
    external_id: user.externalId,
    metadata: user.metadata,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/** Maps a wire user to the SDK's camelCase `User`. */
export function toEmulatorUser(user: WireUser): EmulatorUser {
  return {
    object: 'user',
    id: user.id,
    email: user.email,
    emailVerified: user.email_verified,
    firstName: user.first_name,
    lastName: user.last_name,
    name: user.name,
    profilePictureUrl: user.profile_picture_url,
    lastSignInAt: user.last_sign_in_at,
    locale: user.locale,
    externalId: user.external_id,
    metadata: user.metadata,
    createdAt: user.created_at,
    updatedAt: user.updated_at,
  };
}

/** Serializes an organization for the wire; `domains` is always an array (the SDK maps over it). */
export function toWireOrganization(org: OrganizationRecord): Record<string, unknown> {
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    allow_profiles_outside_organization: false,
    domains: org.domains.map((domain) => ({
      object: 'organization_domain',
      id: domain.id,
      organization_id: org.id,
      domain: domain.domain,
      state: domain.state,
      verification_strategy: domain.verificationStrategy,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
    })),
    metadata: org.metadata,
    external_id: org.externalId,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
  };
}

/** Serializes a membership for the wire, with the nested `user` the spec requires. */
export function toWireMembership(
  state: EmulatorState,
  membership: MembershipRecord,
): Record<string, unknown> {
  const user = state.users.get(membership.userId);
  const org = state.organizations.get(membership.organizationId);
  return {
    object: 'organization_membership',
    id: membership.id,
    user_id: membership.userId,
    organization_id: membership.organizationId,
    organization_name: org?.name ?? '',
    status: membership.status,
    directory_managed: false,
    custom_attributes: {},
    role: { slug: membership.roleSlugs[0] },
    roles: membership.roleSlugs.map((slug) => ({ slug })),
    ...(user ? { user: toWireUser(user) } : {}),
    created_at: membership.createdAt,
    updated_at: membership.updatedAt,
  };
}
