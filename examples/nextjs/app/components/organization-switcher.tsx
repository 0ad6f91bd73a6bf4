import { withAuth } from '../../lib/authkit';
import { switchOrganizationAction } from '../actions';

interface MembershipList {
  data: { organization_id: string; organization_name?: string; role?: { slug: string } }[];
}

function workosApiBase(): string {
  const https = !['false', '0', 'no', 'off'].includes((process.env.WORKOS_API_HTTPS ?? 'true').toLowerCase());
  const host = process.env.WORKOS_API_HOSTNAME || 'api.workos.com';
  const port = process.env.WORKOS_API_PORT ? `:${process.env.WORKOS_API_PORT}` : '';
  return `${https ? 'https' : 'http'}://${host}${port}`;
}

/** The user's organizations, with a Server Action form per organization to switch to it. */
export async function OrganizationSwitcher() {
  const auth = await withAuth({ ensureSignedIn: true });
  const url = new URL('/user_management/organization_memberships', workosApiBase());
  url.searchParams.set('user_id', auth.user.id);
  url.searchParams.set('statuses', 'active');
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${process.env.WORKOS_API_KEY}` },
    cache: 'no-store',
  });
  if (!response.ok) return <p>Could not list organizations ({response.status}).</p>;
  const { data } = (await response.json()) as MembershipList;
  if (data.length === 0) return <p>You are not a member of any organization.</p>;
  return (
    <section>
      <h2 style={{ fontSize: '1rem' }}>Organizations</h2>
      <ul data-testid="organizations">
        {data.map((membership) => (
          <li key={membership.organization_id}>
            {membership.organization_name || membership.organization_id}{' '}
            {membership.role ? `(${membership.role.slug})` : ''}{' '}
            {membership.organization_id === auth.organizationId ? (
              <strong>current</strong>
            ) : (
              <form action={switchOrganizationAction} style={{ display: 'inline' }}>
                <input type="hidden" name="organizationId" value={membership.organization_id} />
                <button type="submit" data-testid={`switch-${membership.organization_id}`}>
                  Switch
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
