import { createFileRoute } from '@tanstack/react-router';
import { useAccessToken, useAuth, useTokenClaims } from '@workos/authkit-tanstack-react-start/client';

export const Route = createFileRoute('/_authenticated/token')({ component: TokenPage });

/** A client component calling an API the way an app would: with a fresh access token. */
function TokenPage() {
  const { user } = useAuth();
  const { accessToken, loading, error, getAccessToken } = useAccessToken();
  const { sid, org_id } = useTokenClaims();
  return (
    <>
      <h1>Access token</h1>
      <p>User: {user?.email}</p>
      <p data-testid="token-state">{loading ? 'loading' : accessToken ? 'present' : 'absent'}</p>
      <p>
        Session <code data-testid="token-sid">{sid ?? '—'}</code> · organization <code>{org_id ?? '—'}</code>
      </p>
      {error ? <p role="alert">{error.message}</p> : null}
      <button type="button" data-testid="get-token" onClick={() => void getAccessToken()}>
        Get a fresh token
      </button>
    </>
  );
}
