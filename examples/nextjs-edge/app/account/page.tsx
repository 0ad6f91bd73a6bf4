import { getSessionRefresh, withAuth } from '@authkit-ssr/nextjs';

export default async function Account() {
  const [auth, refresh] = await Promise.all([withAuth({ ensureSignedIn: true }), getSessionRefresh()]);
  return (
    <>
      <h1>{auth.user.email}</h1>
      <p>Organization: {auth.organizationId ?? '—'}</p>
      <p>Last refresh: {refresh ?? 'none'}</p>
    </>
  );
}
