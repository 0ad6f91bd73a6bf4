'use client';

import { useAccessToken, useAuth } from '@authkit-ssr/nextjs/components';

/** A client component: the access token for calling an API from the browser. */
export function AccessTokenDemo() {
  const { auth } = useAuth();
  const { accessToken, loading, error, getAccessToken } = useAccessToken();
  if (!auth) return null;
  return (
    <section>
      <h2 style={{ fontSize: '1rem' }}>Access token (client)</h2>
      <p data-testid="client-token">
        {loading ? 'Loading…' : accessToken ? `${accessToken.slice(0, 24)}…` : error ? error.message : '—'}
      </p>
      <button type="button" onClick={() => void getAccessToken()}>
        Get a fresh token
      </button>
    </section>
  );
}
