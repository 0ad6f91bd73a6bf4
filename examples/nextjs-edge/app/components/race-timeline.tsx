import type { BurstOutcome, BurstResult } from '../../lib/run-burst';

const OUTCOME_LABEL: Record<BurstOutcome, string> = { ok: '200', 'signed-out': 'signed out', error: 'error' };
const OUTCOME_COLOR: Record<BurstOutcome, string> = {
  ok: '#2e7d32',
  'signed-out': '#c62828',
  error: '#ef6c00',
};

/** One row per request of the burst (start → end, in ms from its start), and what WorkOS saw. */
export function RaceTimeline({ result }: { result: BurstResult }) {
  const { rows, upstream, singleFlight } = result;
  const totalMs = Math.max(1, ...rows.map((row) => row.endMs));
  return (
    <section data-testid="race-result" data-single-flight={String(singleFlight)}>
      <h2 style={{ fontSize: '1.1rem' }}>
        {rows.length} requests {singleFlight ? 'with' : 'without'} single-flight
      </h2>
      <p style={{ fontSize: '1.1rem' }}>
        WorkOS received <strong data-testid="race-refresh-calls">{upstream.refreshCalls}</strong> refresh call
        {upstream.refreshCalls === 1 ? '' : 's'}:{' '}
        <span data-testid="race-refresh-succeeded">{upstream.refreshSucceeded}</span> succeeded,{' '}
        <span data-testid="race-refresh-rejected">{upstream.refreshRejected}</span> rejected.
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: '2.5rem 1fr 9rem', gap: '4px 0.75rem' }}>
        {rows.map((row) => (
          <div
            key={row.index}
            data-testid="race-row"
            data-outcome={row.outcome}
            data-role={row.role ?? 'none'}
            style={{ display: 'contents' }}
          >
            <span style={{ color: '#666' }}>#{row.index + 1}</span>
            <span style={{ position: 'relative', background: '#f1f1f1', borderRadius: 3, height: '1.2rem' }}>
              <span
                title={`${row.startMs.toFixed(1)} → ${row.endMs.toFixed(1)} ms`}
                style={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: `${(row.startMs / totalMs) * 100}%`,
                  width: `max(2px, ${((row.endMs - row.startMs) / totalMs) * 100}%)`,
                  background: OUTCOME_COLOR[row.outcome],
                  borderRadius: 3,
                }}
              />
            </span>
            <span>
              <strong style={{ color: OUTCOME_COLOR[row.outcome] }}>{OUTCOME_LABEL[row.outcome]}</strong> ·{' '}
              {row.role ?? '—'}
            </span>
          </div>
        ))}
        <span />
        <span style={{ display: 'flex', justifyContent: 'space-between', color: '#666', fontSize: '0.8rem' }}>
          <span>0 ms</span>
          <span>{totalMs.toFixed(0)} ms</span>
        </span>
        <span />
      </div>
      <p style={{ color: '#666', fontSize: '0.9rem' }}>
        <strong>led</strong>: called WorkOS · <strong>joined</strong>: waited for that call ·{' '}
        <strong>replayed</strong>: got its result after it finished · <strong>—</strong>: got no refreshed
        session
      </p>
    </section>
  );
}
