'use client';

import { useAccessToken, useAuth } from '@workos-inc/authkit-nextjs/components';

export function ClientSession() {
  const { user, organizationId, loading } = useAuth({ ensureSignedIn: true });
  const { accessToken, refresh } = useAccessToken();

  if (loading) return <p>Loading…</p>;

  return (
    <section>
      <p data-testid="client-user">{user?.email}</p>
      <p data-testid="client-org">{organizationId}</p>
      <p data-testid="client-token">{accessToken ? `${accessToken.slice(0, 24)}…` : '—'}</p>
      <button type="button" onClick={() => void refresh()}>
        Refresh token
      </button>
    </section>
  );
}
