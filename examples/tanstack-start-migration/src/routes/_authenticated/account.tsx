import { createFileRoute, useRouter } from '@tanstack/react-router';
import { useAuth } from '@workos/authkit-tanstack-react-start/client';
import { useState } from 'react';
import { getOrganizations, getProfile, getSessionInfo } from '../../server/account';

export const Route = createFileRoute('/_authenticated/account')({
  loader: async () => {
    const [profile, session, organizations] = await Promise.all([
      getProfile(),
      getSessionInfo(),
      getOrganizations(),
    ]);
    return { profile, session, organizations };
  },
  component: AccountPage,
});

function AccountPage() {
  const { profile, session, organizations } = Route.useLoaderData();
  return (
    <>
      <h1>Account of {profile.name || profile.email}</h1>
      <p data-testid="account-email">{profile.email}</p>
      <p>
        Organization: <code data-testid="session-org">{session.organizationId ?? '—'}</code> · role{' '}
        {session.role ?? '—'}
      </p>
      <OrganizationSwitcher organizations={organizations} />
    </>
  );
}

function OrganizationSwitcher({
  organizations,
}: {
  organizations: { id: string; name: string; current: boolean }[];
}) {
  const { switchToOrganization } = useAuth();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <ul>
      {organizations.map((organization) => (
        <li key={organization.id}>
          {organization.name}{' '}
          {organization.current ? (
            <strong>current</strong>
          ) : (
            <button
              type="button"
              data-testid={`switch-${organization.id}`}
              onClick={async () => {
                const failed = await switchToOrganization(organization.id);
                if (failed) setError(failed.error);
                else await router.invalidate();
              }}
            >
              Switch
            </button>
          )}
        </li>
      ))}
      {error ? <li role="alert">{error}</li> : null}
    </ul>
  );
}
