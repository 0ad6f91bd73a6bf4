// For `pnpm bench` only: /api/me's shape with a constant user and no auth read, so that the
// benchmark can tell what auth costs on /api/me from what the route itself costs, and whether a
// route that never reads the session pays for the cookie sent with it.
// Rendered per request, as /api/me is (which reads the request's headers).
export const dynamic = 'force-dynamic';

const user = { id: 'user_bench_control', email: 'control@example.com' };

export function GET() {
  return Response.json({ user, sessionId: 'session_bench_control', organizationId: null, refresh: null });
}
