import { getSignInUrl } from '@workos-inc/authkit-nextjs';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';

export const GET = async (request: NextRequest) => {
  const returnTo = request.nextUrl.searchParams.get('returnTo') ?? undefined;
  return redirect(await getSignInUrl({ returnTo }));
};
