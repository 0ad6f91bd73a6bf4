import { getAuthState } from '@authkit-ssr/sveltekit';
import type { RequestHandler } from './$types';

// One request of the race page's burst: whether it was signed in (401 when not), and its part in a
// refresh. The handle authenticated it, refreshing the session first when the token had expired.
export const GET: RequestHandler = (event) => {
  const { auth, refresh } = getAuthState(event);
  return Response.json({ signedIn: auth !== null, refresh }, { status: auth ? 200 : 401 });
};
