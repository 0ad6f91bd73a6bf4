interface SessionInfo {
  sessionId: string;
  organizationId: string | null;
  role: string | null;
  permissions: string[];
  accessTokenExpiresAt: string;
  refresh: 'led' | 'joined' | 'replayed' | null;
  impersonator: string | null;
}

/** What the server saw on the last load of this page, including how the session was refreshed. */
type RefreshOutcome = SessionInfo['refresh'];

export function SessionPanel({
  session,
  refreshes,
  loadedAt,
}: {
  session: SessionInfo;
  refreshes: RefreshOutcome[];
  loadedAt: string;
}) {
  const outcomes = refreshes.filter((refresh) => refresh !== null);
  return (
    <section
      data-testid="session-panel"
      style={{ border: '1px solid #ccc', borderRadius: 8, padding: '0.5rem 1rem' }}
    >
      <h2 style={{ fontSize: '1rem' }}>Session</h2>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', margin: 0 }}>
        <dt>Session</dt>
        <dd data-testid="session-id">{session.sessionId}</dd>
        <dt>Organization</dt>
        <dd data-testid="session-org">{session.organizationId ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{session.role ?? '—'}</dd>
        <dt>Permissions</dt>
        <dd>{session.permissions.join(', ') || '—'}</dd>
        <dt>Access token expires</dt>
        <dd data-testid="session-expires">{session.accessTokenExpiresAt}</dd>
        <dt>Last refresh</dt>
        <dd data-testid="session-refresh">
          {outcomes.length > 0
            ? refreshes.map((refresh) => refresh ?? 'none').join(' · ')
            : 'none (token still valid)'}
        </dd>
        <dt>Loaded at</dt>
        <dd data-testid="session-loaded-at">{loadedAt}</dd>
      </dl>
    </section>
  );
}
