import { createId } from './create-id.js';
import type { EmulatorSeed, SeedDomain, SeedUser } from './seed.js';

/** A user as the emulator stores it. */
export interface UserRecord {
  id: string;
  email: string;
  password: string | null;
  firstName: string | null;
  lastName: string | null;
  emailVerified: boolean;
  profilePictureUrl: string | null;
  externalId: string | null;
  locale: string | null;
  metadata: Record<string, string>;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An organization domain as the emulator stores it. */
export interface DomainRecord {
  id: string;
  domain: string;
  state: 'verified' | 'pending' | 'failed';
  verificationStrategy: 'dns' | 'manual';
}

/** An organization as the emulator stores it. */
export interface OrganizationRecord {
  id: string;
  name: string;
  domains: DomainRecord[];
  entitlements: string[];
  featureFlags: string[];
  externalId: string | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** A membership; `roleSlugs[0]` is the primary role. */
export interface MembershipRecord {
  id: string;
  userId: string;
  organizationId: string;
  roleSlugs: string[];
  status: 'active' | 'inactive' | 'pending';
  createdAt: string;
  updatedAt: string;
}

/** Who is impersonating the user of a session. */
export interface Impersonator {
  email: string;
  reason: string | null;
}

/** Authentication methods the emulator reports (a subset of WorkOS's enum). */
export type AuthenticationMethod =
  | 'Password'
  | 'Impersonation'
  | 'GoogleOAuth'
  | 'MicrosoftOAuth'
  | 'GitHubOAuth'
  | 'AppleOAuth';

/** A single-use authorization code issued by the authorize endpoint. */
export interface AuthorizationCodeRecord {
  clientId: string;
  userId: string;
  organizationId: string | null;
  codeChallenge: string | null;
  /** Whether authorize named the organization (then no organization selection is asked for). */
  organizationRequested: boolean;
  expiresAt: number;
  authenticationMethod: AuthenticationMethod;
  impersonator: Impersonator | null;
}

/** An API key; `value` is what a client presents to `POST /api_keys/validations`. */
export interface ApiKeyRecord {
  id: string;
  value: string;
  name: string;
  organizationId: string;
  /** Set for a user API key. */
  userId: string | null;
  permissions: string[];
  createdAt: string;
}

/** A session: the thing `sid` names, that logout and revoke end. */
export interface SessionRecord {
  id: string;
  userId: string;
  authenticationMethod: AuthenticationMethod;
  impersonator: Impersonator | null;
  /** The organization it was started in: refreshes that name none return to it, as WorkOS does. */
  organizationId: string | null;
  endedAt: number | null;
}

/** A sign-in waiting for the user to pick an organization (`organization_selection_required`). */
export interface PendingAuthenticationRecord {
  userId: string;
  authenticationMethod: AuthenticationMethod;
  impersonator: Impersonator | null;
  expiresAt: number;
}

/** A refresh token; once exchanged it keeps the response it produced, for the reuse grace. */
export interface RefreshTokenRecord {
  sessionId: string;
  organizationId: string | null;
  exchangedAt: number | null;
  successor: Record<string, unknown> | null;
}

/** Everything the emulator knows: the seeded directory plus the codes, sessions and tokens it issued. */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly memberships: MembershipRecord[] = [];
  readonly rolePermissions = new Map<string, string[]>();
  readonly impersonations = new Map<string, Impersonator>();
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly pendingAuthentications = new Map<string, PendingAuthenticationRecord>();
  /** API keys by value. */
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  /** Users whose sign-ins ask for organization selection (seed `organizationSelection: true`). */
  readonly organizationSelectionUsers = new Set<string>();

  constructor(seed: EmulatorSeed) {
    const createdAt = new Date().toISOString();
    for (const user of seed.users ?? []) {
      if (typeof user?.email !== 'string') throw new TypeError('Every seeded user needs an email.');
      this.addUser(user, createdAt);
    }
    for (const org of seed.organizations ?? []) {
      if (typeof org?.name !== 'string') throw new TypeError('Every seeded organization needs a name.');
      const id = org.id ?? createId('org');
      this.organizations.set(id, {
        id,
        name: org.name,
        domains: (org.domains ?? []).map(toDomainRecord),
        entitlements: org.entitlements ?? [],
        featureFlags: org.featureFlags ?? [],
        externalId: org.externalId ?? null,
        metadata: org.metadata ?? {},
        createdAt,
        updatedAt: createdAt,
      });
    }
    for (const role of seed.roles ?? []) this.rolePermissions.set(role.slug, role.permissions ?? []);
    for (const membership of seed.memberships ?? []) {
      const user = this.findUser(membership.user);
      const org = this.findOrganization(membership.organization);
      if (!user) throw new TypeError(`Seeded membership names an unknown user: ${membership.user}`);
      if (!org)
        throw new TypeError(`Seeded membership names an unknown organization: ${membership.organization}`);
      const primary = membership.role ?? membership.roles?.[0] ?? 'member';
      const roleSlugs = [primary, ...(membership.roles ?? []).filter((slug) => slug !== primary)];
      this.memberships.push({
        id: membership.id ?? createId('om'),
        userId: user.id,
        organizationId: org.id,
        roleSlugs,
        status: membership.status ?? 'active',
        createdAt,
        updatedAt: createdAt,
      });
    }
    for (const impersonation of seed.impersonations ?? []) {
      const user = this.findUser(impersonation.user);
      if (!user) throw new TypeError(`Seeded impersonation names an unknown user: ${impersonation.user}`);
      this.impersonations.set(user.id, { email: impersonation.email, reason: impersonation.reason ?? null });
    }
    for (const key of seed.apiKeys ?? []) {
      if (typeof key?.value !== 'string' || key.value === '')
        throw new TypeError('Every seeded API key needs a value.');
      const org = this.findOrganization(key.organization);
      if (!org) throw new TypeError(`Seeded API key names an unknown organization: ${key.organization}`);
      const user = key.user === undefined ? undefined : this.findUser(key.user);
      if (key.user !== undefined && !user)
        throw new TypeError(`Seeded API key names an unknown user: ${key.user}`);
      this.apiKeys.set(key.value, {
        id: key.id ?? createId('api_key'),
        value: key.value,
        name: key.name ?? 'API key',
        organizationId: org.id,
        userId: user?.id ?? null,
        permissions: key.permissions ?? [],
        createdAt,
      });
    }
  }

  /** Adds a user (seeded, or signed up on the hosted page). */
  addUser(user: SeedUser, createdAt: string = new Date().toISOString()): UserRecord {
    const record: UserRecord = {
      id: user.id ?? createId('user'),
      email: user.email,
      password: user.password ?? null,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      emailVerified: user.emailVerified ?? true,
      profilePictureUrl: user.profilePictureUrl ?? null,
      externalId: user.externalId ?? null,
      locale: user.locale ?? null,
      metadata: user.metadata ?? {},
      lastSignInAt: null,
      createdAt,
      updatedAt: createdAt,
    };
    this.users.set(record.id, record);
    if (user.organizationSelection) this.organizationSelectionUsers.add(record.id);
    return record;
  }

  /** A user by id or (case-insensitive) email. */
  findUser(idOrEmail: string): UserRecord | undefined {
    const byId = this.users.get(idOrEmail);
    if (byId) return byId;
    const email = idOrEmail.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === email) return user;
    return undefined;
  }

  /** An organization by id or name. */
  findOrganization(idOrName: string): OrganizationRecord | undefined {
    const byId = this.organizations.get(idOrName);
    if (byId) return byId;
    for (const org of this.organizations.values()) if (org.name === idOrName) return org;
    return undefined;
  }

  /** The user's active membership of the organization, if any. */
  findActiveMembership(userId: string, organizationId: string): MembershipRecord | undefined {
    return this.memberships.find(
      (m) => m.userId === userId && m.organizationId === organizationId && m.status === 'active',
    );
  }

  /** The organization a sign-in lands in when none is asked for: the user's first active membership. */
  defaultOrganizationId(userId: string): string | null {
    return this.memberships.find((m) => m.userId === userId && m.status === 'active')?.organizationId ?? null;
  }

  /** The user's active memberships, in seed order. */
  activeMemberships(userId: string): MembershipRecord[] {
    return this.memberships.filter((m) => m.userId === userId && m.status === 'active');
  }

  /** The union of the permissions of the given roles, in seed order, without duplicates. */
  permissionsFor(roleSlugs: string[]): string[] {
    return [...new Set(roleSlugs.flatMap((slug) => this.rolePermissions.get(slug) ?? []))];
  }

  /** The organization of the session's newest refresh token: the one its next refresh keeps by default. */
  sessionOrganizationId(sessionId: string): string | null {
    let organizationId: string | null = null;
    for (const record of this.refreshTokens.values()) {
      if (record.sessionId === sessionId) organizationId = record.organizationId;
    }
    return organizationId;
  }

  /** Ends a session: every refresh token of it is refused from now on. Returns false if unknown. */
  endSession(sessionId: string, now: number): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    session.endedAt ??= now;
    return true;
  }
}

function toDomainRecord(domain: SeedDomain): DomainRecord {
  const spec = typeof domain === 'string' ? { domain } : domain;
  return {
    id: spec.id ?? createId('org_domain'),
    domain: spec.domain,
    state: spec.state ?? 'verified',
    verificationStrategy: spec.verificationStrategy ?? 'dns',
  };
}
