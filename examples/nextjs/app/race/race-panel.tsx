'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { type BurstResult, expireAccessToken, type ProbeResult, runBurst } from '../../lib/run-burst';
import { RaceTimeline } from '../components/race-timeline';

const DEFAULT_BURST_SIZE = 8;

/** One request of the burst: a fetch of a route handler, authenticated by the proxy (or middleware). */
async function probe(headers: Record<string, string>): Promise<ProbeResult> {
  const response = await fetch('/api/race-probe', { headers, cache: 'no-store' });
  if (response.status !== 200 && response.status !== 401) {
    throw new Error(`GET /api/race-probe answered ${response.status}`);
  }
  return (await response.json()) as ProbeResult;
}

export function RacePanel({
  demoMode,
  signedIn,
  singleFlightHeader,
}: {
  demoMode: boolean;
  signedIn: boolean;
  singleFlightHeader: string;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [count, setCount] = useState(DEFAULT_BURST_SIZE);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<BurstResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setRunning(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setRunning(false);
    }
  }

  function expire() {
    return run(async () => {
      await expireAccessToken();
      setNotice('Your access token has expired: the next request refreshes the session.');
    });
  }

  function burst(singleFlight: boolean) {
    return run(async () => {
      setResult(null);
      setResult(await runBurst({ count, singleFlight, singleFlightHeader, probe }));
      // The server components (the header's user menu, this page's buttons) follow the session:
      // signed out after a burst without single-flight.
      startTransition(() => router.refresh());
    });
  }

  return (
    <>
      <h1>Refresh race</h1>
      <p>
        Expire the access token, then fetch a route handler {count} times at once. With single-flight, one
        request refreshes the session and the others share its result: WorkOS sees one refresh. Without it,
        every request spends the same refresh token: WorkOS accepts the first and rejects the rest, and you
        are signed out.
      </p>
      {!demoMode ? (
        <p data-testid="race-disabled">
          The race demo needs the emulator and <code>AUTHKIT_DEMO_MODE=true</code> (<code>pnpm run demo</code>{' '}
          sets both).
        </p>
      ) : (
        <>
          {signedIn ? (
            <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' }}>
              <label>
                Requests{' '}
                <input
                  type="number"
                  min={1}
                  max={32}
                  value={count}
                  data-testid="race-count"
                  onChange={(event) => setCount(Math.min(32, Math.max(1, Number(event.target.value) || 1)))}
                  style={{ width: '4rem' }}
                />
              </label>
              <button type="button" data-testid="race-expire" disabled={running} onClick={expire}>
                Expire my access token
              </button>
              <button type="button" data-testid="race-burst" disabled={running} onClick={() => burst(true)}>
                Burst {count} requests (single-flight)
              </button>
              <button
                type="button"
                data-testid="race-burst-unsafe"
                disabled={running}
                onClick={() => burst(false)}
              >
                Burst without single-flight
              </button>
            </p>
          ) : (
            !result && (
              <p data-testid="race-signed-out">
                <a href="/api/auth/sign-in?returnTo=/race">Sign in</a> to run the race.
              </p>
            )
          )}
          {running && <p data-testid="race-running">Running…</p>}
          {notice && <p data-testid="race-notice">{notice}</p>}
          {error && (
            <p data-testid="race-error" style={{ color: '#c62828' }}>
              {error}
            </p>
          )}
          {result && <RaceTimeline result={result} />}
          {result &&
            (result.signedInAfter ? (
              <p data-testid="race-session-after">Still signed in.</p>
            ) : (
              <p data-testid="race-session-after">
                Signed out: the rejected refreshes cleared your session cookie.{' '}
                <a href="/api/auth/sign-in?returnTo=/race" data-testid="race-sign-in-again">
                  Sign in again
                </a>
              </p>
            ))}
        </>
      )}
    </>
  );
}
