import { decodeAccessToken } from './access-token.js';
import type { AuthRouteResult } from './auth-routes.js';
import type { AuthKitCore } from './authkit-core.js';
import { applySessionCacheHeaders } from './cache-headers.js';
import { isSameOriginRequest } from './same-origin.js';
import type { Session } from './session.js';

/**
 * The request header with which the race demo asks for a refresh without single-flight (`off`),
 * the way kits without it refresh. Honoured only in demo mode.
 */
export const DEMO_SINGLE_FLIGHT_HEADER = 'x-authkit-demo-single-flight';

/** What the demo's counters route answers: the emulator's refresh counters. */
export interface DemoStats {
  /** Refresh-token calls WorkOS (the emulator) received. */
  refreshCalls: number;
  refreshSucceeded: number;
  refreshRejected: number;
}

interface EmulatorStatsBody {
  authenticate?: { refreshToken?: { succeeded?: number; rejected?: number } };
}

function json(body: unknown, status = 200): Response {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  applySessionCacheHeaders(headers);
  return new Response(JSON.stringify(body), { status, headers });
}

function emulatorUrl(core: AuthKitCore<object>, path: string): string {
  const { apiHostname, apiPort } = core.options;
  return `http://${apiHostname}${apiPort ? `:${apiPort}` : ''}${path}`;
}

/**
 * The race demo's routes, mounted at one path prefix (`/api/demo/*`), only in demo mode
 * (`demoMode`, emulator only; 404 otherwise):
 * - `POST …/expire`: gives the signed-in session an already expired access token (minted by the
 *   emulator for the same session; the refresh token is kept), so that the next requests refresh.
 * - `GET …/stats`: the emulator's refresh counters ({@link DemoStats}).
 */
export async function handleDemoRoute(
  core: AuthKitCore<object>,
  request: Request,
): Promise<AuthRouteResult<object>> {
  if (!core.options.demoMode) return { response: json({ error: 'not_found' }, 404) };
  const action = new URL(request.url).pathname.split('/').filter(Boolean).at(-1);
  if (action === 'stats' && request.method === 'GET') {
    const upstream = await fetch(emulatorUrl(core, '/__emulator/stats'));
    const stats = (await upstream.json()) as EmulatorStatsBody;
    const succeeded = stats.authenticate?.refreshToken?.succeeded ?? 0;
    const rejected = stats.authenticate?.refreshToken?.rejected ?? 0;
    const body: DemoStats = {
      refreshCalls: succeeded + rejected,
      refreshSucceeded: succeeded,
      refreshRejected: rejected,
    };
    return { response: json(body) };
  }
  if (action === 'expire' && request.method === 'POST') {
    if (!isSameOriginRequest(request, core.options.appOrigin)) {
      return { response: json({ error: 'cross_site_request' }, 403) };
    }
    // The cookie is sealed with our password, so its token's session id can be read without a check.
    const session = await core.readSession(request);
    const sessionId = session ? decodeAccessToken(session.accessToken)?.sid : undefined;
    if (!session || !sessionId) return { response: json({ error: 'no_session' }, 401) };
    const minted = await fetch(
      emulatorUrl(core, `/__emulator/sessions/${encodeURIComponent(sessionId)}/access-tokens`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expiresInSeconds: -60 }),
      },
    );
    if (!minted.ok) return { response: json({ error: 'emulator_refused' }, 502) };
    const { accessToken } = (await minted.json()) as { accessToken: string };
    const expired: Session = { ...session, accessToken };
    const setCookies = core.serializeSessionCookies(await core.sealSession(expired), request);
    const response = json({ expired: true });
    for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
    return { response };
  }
  return { response: json({ error: 'not_found' }, 404) };
}
