const env = process.env;

/** One organization of the signed-in user, for the switcher. */
export interface OrganizationChoice {
  id: string;
  name: string;
  role: string | null;
  current: boolean;
}

interface MembershipList {
  data: { organization_id: string; organization_name?: string; role?: { slug: string } }[];
}

/** The user's active organization memberships, straight from the WorkOS API (or the emulator). */
export async function listOrganizations(
  userId: string,
  currentOrganizationId: string | undefined,
): Promise<OrganizationChoice[]> {
  const url = new URL('/user_management/organization_memberships', workosApiBase());
  url.searchParams.set('user_id', userId);
  url.searchParams.set('statuses', 'active');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${env.WORKOS_API_KEY}` } });
  if (!response.ok) throw new Error(`Could not list organizations (${response.status})`);
  const list = (await response.json()) as MembershipList;
  return list.data.map((membership) => ({
    id: membership.organization_id,
    name: membership.organization_name || membership.organization_id,
    role: membership.role?.slug ?? null,
    current: membership.organization_id === currentOrganizationId,
  }));
}

function workosApiBase(): string {
  const https = !['false', '0', 'no', 'off'].includes((env.WORKOS_API_HTTPS ?? 'true').toLowerCase());
  const host = env.WORKOS_API_HOSTNAME || 'api.workos.com';
  const port = env.WORKOS_API_PORT ? `:${env.WORKOS_API_PORT}` : '';
  return `${https ? 'https' : 'http'}://${host}${port}`;
}
