import { getSessionRefresh, withAuth } from '../../lib/authkit';

/** What the server saw for this request, including how the proxy refreshed the session. */
export async function SessionPanel() {
  const [auth, refresh] = await Promise.all([withAuth({ ensureSignedIn: true }), getSessionRefresh()]);
  return (
    <section
      data-testid="session-panel"
      style={{ border: '1px solid #ccc', borderRadius: 8, padding: '0.5rem 1rem' }}
    >
      <h2 style={{ fontSize: '1rem' }}>Session</h2>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', margin: 0 }}>
        <dt>Session</dt>
        <dd data-testid="session-id">{auth.sessionId}</dd>
        <dt>Organization</dt>
        <dd data-testid="session-org">{auth.organizationId ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{auth.role ?? '—'}</dd>
        <dt>Permissions</dt>
        <dd>{auth.permissions.join(', ') || '—'}</dd>
        <dt>Access token expires</dt>
        <dd data-testid="session-expires">{auth.accessTokenExpiresAt.toISOString()}</dd>
        <dt>Last refresh</dt>
        <dd data-testid="session-refresh">{refresh ?? 'none (token still valid)'}</dd>
        <dt>Impersonator</dt>
        <dd>{auth.impersonator?.email ?? '—'}</dd>
        <dt>Rendered at</dt>
        <dd data-testid="session-rendered-at">{new Date().toISOString()}</dd>
      </dl>
    </section>
  );
}
