import { timingSafeEqual } from 'node:crypto';
import { getWorkOS, saveSession } from '@workos-inc/authkit-nextjs';
import { cookies } from 'next/headers';
import { type NextRequest, NextResponse } from 'next/server';

const STATE_COOKIE = 'custom-sign-in-state';

/**
 * A sign-in the app runs itself instead of through handleAuth(): it sends the visitor to AuthKit,
 * exchanges the code it gets back with the SDK, and stores the session with saveSession().
 */
export async function GET(request: NextRequest) {
  const clientId = process.env.WORKOS_CLIENT_ID ?? '';
  const redirectUri = new URL('/api/custom-sign-in', request.url).toString();
  const cookieStore = await cookies();
  const code = request.nextUrl.searchParams.get('code');
  if (!code) {
    // The state ties the answer to this browser (no login CSRF).
    const state = crypto.randomUUID();
    cookieStore.set(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', maxAge: 600 });
    const url = getWorkOS().userManagement.getAuthorizationUrl({
      provider: 'authkit',
      clientId,
      redirectUri,
      state,
    });
    return NextResponse.redirect(url);
  }
  const expected = cookieStore.get(STATE_COOKIE)?.value;
  cookieStore.delete(STATE_COOKIE);
  if (!expected || !sameText(request.nextUrl.searchParams.get('state') ?? '', expected)) {
    return Response.json({ error: 'state_mismatch' }, { status: 400 });
  }
  const auth = await getWorkOS().userManagement.authenticateWithCode({ clientId, code });
  await saveSession(auth, request);
  return NextResponse.redirect(new URL('/account', request.url));
}

/** Compares in time that does not depend on where the two differ. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
