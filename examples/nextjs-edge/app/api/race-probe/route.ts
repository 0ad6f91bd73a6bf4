import { getSessionRefresh, withAuth } from '@authkit-ssr/nextjs';

// One request of the race page's burst: whether it was signed in (401 when not), and its part in a
// refresh. The middleware authenticated it, refreshing the session first when the token had expired.
export async function GET() {
  const auth = await withAuth();
  const signedIn = auth.user !== null;
  return Response.json({ signedIn, refresh: await getSessionRefresh() }, { status: signedIn ? 200 : 401 });
}
