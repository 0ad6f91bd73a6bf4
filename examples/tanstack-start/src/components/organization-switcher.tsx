import { useAuth } from '@authkit-ssr/tanstack-start/client';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';

interface Organization {
  id: string;
  name: string;
  role: string | null;
  current: boolean;
}

export function OrganizationSwitcher({ organizations }: { organizations: Organization[] }) {
  const { switchToOrganization } = useAuth();
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (organizations.length === 0) return <p>You are not a member of any organization.</p>;
  return (
    <section>
      <h2 style={{ fontSize: '1rem' }}>Organizations</h2>
      <ul data-testid="organizations">
        {organizations.map((organization) => (
          <li key={organization.id}>
            {organization.name} {organization.role ? `(${organization.role})` : ''}{' '}
            {organization.current ? (
              <strong>current</strong>
            ) : (
              <button
                type="button"
                data-testid={`switch-${organization.id}`}
                disabled={pending !== null}
                onClick={async () => {
                  setPending(organization.id);
                  setError(null);
                  const failed = await switchToOrganization(organization.id);
                  if (failed) setError(failed.error);
                  else await router.invalidate();
                  setPending(null);
                }}
              >
                {pending === organization.id ? 'Switching…' : 'Switch'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
