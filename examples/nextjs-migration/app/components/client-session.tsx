'use client';

import { useAccessToken, useAuth } from '@workos-inc/authkit-nextjs/components';
import { useState } from 'react';

export function ClientSession() {
  const { user, organizationId, loading, switchToOrganization } = useAuth({ ensureSignedIn: true });
  const { accessToken, refresh } = useAccessToken();
  const [target, setTarget] = useState('');

  if (loading) return <p>Loading…</p>;

  return (
    <section>
      <p data-testid="client-user">{user?.email}</p>
      <p data-testid="client-org">{organizationId}</p>
      <p data-testid="client-token">{accessToken ? `${accessToken.slice(0, 24)}…` : '—'}</p>
      <button type="button" onClick={() => void refresh()}>
        Refresh token
      </button>
      <input
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        data-testid="client-organization-input"
      />
      <button type="button" onClick={() => void switchToOrganization(target)} data-testid="client-switch">
        Switch organization (client)
      </button>
    </section>
  );
}
